import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorNotice } from '../components/error-notice';
import { Loading } from '../components/loading';
import { useSession } from './session';

/** Pages behind sign-in: waits for the session, sends signed-out visitors to the sign-in page. */
export function RequireSession() {
  const { state, reload } = useSession();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <div className="center-page">
        <Loading label="Loading Racedesk…" />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div className="center-page">
        <ErrorNotice error={state.error} retry={() => void reload()} title="Could not load your session" />
      </div>
    );
  }
  if (state.status === 'signed-out') {
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  }
  return <Outlet />;
}
