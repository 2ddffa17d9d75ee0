import { Link, Navigate } from 'react-router';
import { EmptyState } from '../components/empty-state';
import { PageHeader } from '../components/page-header';
import { LAST_ORG_KEY } from '../layout/org-switcher';
import { Shell } from '../layout/shell';
import { useMe } from '../session/session';

/** Sends the viewer to their last (or first) organization, or says how to get one. */
export function HomePage() {
  const me = useMe();
  const last = localStorage.getItem(LAST_ORG_KEY);
  const target = me.memberships.find((m) => m.org.slug === last) ?? me.memberships[0];
  if (target) return <Navigate to={`/orgs/${target.org.slug}`} replace />;
  return (
    <Shell>
      <PageHeader title="Welcome to Racedesk" />
      {me.superadmin ? (
        <EmptyState
          title="No organizations yet"
          action={
            <Link className="btn btn-primary" to="/instance/orgs">
              Create an organization
            </Link>
          }
        >
          An organization holds tournaments, members and plugin settings. Create the first one to get started.
        </EmptyState>
      ) : (
        <EmptyState title="You are not in any organization yet">
          Ask an organizer to add you with your Discord id <code>{me.user?.discordId ?? ''}</code>, then
          reload this page.
        </EmptyState>
      )}
    </Shell>
  );
}
