import { PageHeader, Section } from '../components/page-header';
import { viewerTimeZone } from '../components/time';
import { useMe } from '../session/session';

/** The viewer's account: Discord identity, time zone, memberships. */
export function ProfilePage() {
  const me = useMe();
  const user = me.user;
  const browserZone = viewerTimeZone();
  return (
    <>
      <PageHeader title="Profile" description="Your Racedesk account, linked to your Discord account." />
      <Section title="Account">
        {user ? (
          <dl className="kv">
            <div>
              <dt>Name</dt>
              <dd>{user.displayName}</dd>
            </div>
            <div>
              <dt>Discord</dt>
              <dd>
                {user.discordUsername ?? '—'}{' '}
                <span className="muted mono">({user.discordId ?? 'not linked'})</span>
              </dd>
            </div>
            <div>
              <dt>Time zone</dt>
              <dd>
                {user.timezone}
                {user.timezone !== browserZone ? (
                  <span className="muted"> · this browser shows times in {browserZone}</span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>Instance role</dt>
              <dd>{me.superadmin ? 'Superadmin' : 'User'}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">You are using an API token that belongs to no user.</p>
        )}
      </Section>
      <Section title="Organizations">
        {me.memberships.length === 0 ? (
          <p className="muted">
            You are in no organization yet. Ask an organizer to add you by your Discord id.
          </p>
        ) : (
          <ul className="plain-list">
            {me.memberships.map((m) => (
              <li key={m.org.slug}>
                {m.org.name} <span className="badge">{m.role}</span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
