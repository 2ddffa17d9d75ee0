import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../components/button';
import type { OrgContextValue } from '../org/org-context';
import { useMe, useSession } from '../session/session';
import { LiveIndicator } from './live-indicator';
import { Nav } from './nav';
import { OrgSwitcher } from './org-switcher';
import { ThemePicker } from './theme-picker';

/** The frame of every signed-in page: top bar, side navigation, main content. */
export function Shell({
  org,
  children,
}: {
  org?: Pick<OrgContextValue, 'org' | 'role' | 'plugins'>;
  children: ReactNode;
}) {
  const me = useMe();
  const { signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  return (
    <div className={`shell${menuOpen ? ' shell-menu-open' : ''}`}>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="btn btn-ghost menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="side-nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">☰</span>
          <span className="sr-only">Menu</span>
        </button>
        <Link to="/" className="brand">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="22" height="22" />
          Racedesk
        </Link>
        <OrgSwitcher />
        <div className="topbar-spacer" />
        {org ? <LiveIndicator org={org.org.slug} /> : null}
        <ThemePicker />
        <span className="topbar-user" title={me.user?.discordUsername ?? undefined}>
          {me.user?.displayName ?? 'API token'}
          {me.superadmin ? <span className="badge">superadmin</span> : null}
        </span>
        <Button
          size="small"
          busy={signingOut}
          busyLabel="Signing out…"
          onClick={async () => {
            setSigningOut(true);
            await signOut().catch(() => setSigningOut(false));
          }}
        >
          Sign out
        </Button>
      </header>
      <div className="shell-body">
        <div id="side-nav" className="sidebar">
          <Nav org={org} onNavigate={() => setMenuOpen(false)} />
        </div>
        <main id="main" className="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
