import { PageHeader, Section } from '../components/page-header';
import { adminPlugins } from '../plugins/registry';
import { useMe } from '../session/session';
import { NotificationSection } from './profile/notification-section';
import { TimeZoneSection } from './profile/time-zone-section';

/** The viewer's account: Discord identity, time zone, notification choices, linked accounts, memberships. */
export function ProfilePage() {
  const me = useMe();
  const user = me.user;
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
              <dt>Instance role</dt>
              <dd>{me.superadmin ? 'Superadmin' : 'User'}</dd>
            </div>
          </dl>
        ) : (
          <p className="muted">You are using an API token that belongs to no user.</p>
        )}
      </Section>
      {user ? (
        <>
          <TimeZoneSection user={user} />
          <NotificationSection />
          {[...adminPlugins.values()].map(({ id, ProfileSection }) =>
            ProfileSection ? <ProfileSection key={id} /> : null,
          )}
        </>
      ) : null}
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
