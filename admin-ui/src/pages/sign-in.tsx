import { useEffect, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { TextField } from '../components/field';
import { useSession } from '../session/session';

/** Where to go after Discord sends the user back: the page they were on, inside the panel. */
function returnPath(from: string | undefined): string {
  const path = from && from !== '/sign-in' ? from : '/';
  return `/admin${path === '/' ? '/' : path}`;
}

/** Sign in with Discord; a first-run setup code makes the first superadmin. */
export function SignInPage() {
  const { state } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [setupCode, setSetupCode] = useState('');
  const [showSetup, setShowSetup] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const params = new URLSearchParams(location.search);
  useEffect(() => {
    document.title = 'Sign in · Racedesk';
  }, []);
  if (state.status === 'signed-in') return <Navigate to={from ?? '/'} replace />;

  const start = () => {
    const query = new URLSearchParams({ returnTo: returnPath(from) });
    if (setupCode.trim()) query.set('setupCode', setupCode.trim());
    setLeaving(true);
    window.location.assign(`/api/v1/auth/discord?${query}`);
  };

  return (
    <main className="signin" id="main">
      <div className="signin-card">
        <h1 className="signin-brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="32" height="32" /> Racedesk
        </h1>
        <p className="muted">Tournament automation for racing communities.</p>
        {state.status === 'signed-out' && state.reason ? <p className="notice">{state.reason}</p> : null}
        {params.get('error') ? (
          <p className="notice notice-error" role="alert">
            Sign-in did not complete: {params.get('error')}
          </p>
        ) : null}
        <button
          type="button"
          className="btn btn-discord"
          onClick={start}
          disabled={leaving}
          aria-busy={leaving || undefined}
        >
          {leaving ? 'Opening Discord…' : 'Sign in with Discord'}
        </button>
        {showSetup ? (
          <div className="signin-setup">
            <TextField
              label="Setup code"
              hint="Printed in the server log at first start; makes you the instance superadmin."
              value={setupCode}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setSetupCode(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') start();
              }}
            />
          </div>
        ) : (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setShowSetup(true)}>
            First run? Enter the setup code
          </button>
        )}
      </div>
    </main>
  );
}
