import type { ReactNode } from 'react';
import type { Delivery } from '../../api/domain-types';
import { type AuditEntry, roleAtLeast } from '../../api/types';
import { usePagedApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { actorLabel } from '../../components/actor-label';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { Section } from '../../components/page-header';
import { ShowMore } from '../../components/show-more';
import { Time } from '../../components/time';
import { useLiveFeed } from '../../live/use-live-feed';
import { useOrg } from '../../org/org-context';

/** A paged list's items, or its loading state, or its error in words with a retry; then "Show more". */
function PagedView<T>({
  list,
  label,
  children,
}: {
  list: ReturnType<typeof usePagedApi<T>>;
  label: string;
  children: (items: T[]) => ReactNode;
}) {
  if (list.error && !list.items)
    return (
      <ErrorNotice error={list.error} title={`Could not load ${label}`} retry={() => void list.reload()} />
    );
  if (!list.items) return <Loading label={`Loading ${label}…`} />;
  return (
    <>
      {children(list.items)}
      <ShowMore list={list} />
    </>
  );
}

/** What happened to the match (audit log) and the notifications sent about it (moderators). */
export function MatchHistory({ matchId }: { matchId: number }) {
  const { org, role } = useOrg();
  const moderator = roleAtLeast(role, 'moderator');
  const admin = roleAtLeast(role, 'admin');
  const audit = usePagedApi<AuditEntry>(admin ? `/orgs/${org.slug}/audit` : null, {
    targetType: 'match',
    targetId: String(matchId),
    limit: 50,
  });
  const deliveries = usePagedApi<Delivery>(moderator ? `/orgs/${org.slug}/notifications/deliveries` : null, {
    matchId,
    limit: 50,
  });
  // Deliveries are written after the events that cause them: reload a moment later.
  const later = useMutation(async () => {
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all([audit.reload(), deliveries.reload()]);
  });
  useLiveFeed(org.slug, () => void later.run(), ['core.match.', 'racetime.']);
  return (
    <>
      {admin ? (
        <Section title="History" description="Every change to this match, newest first.">
          <PagedView list={audit} label="the history">
            {(items) =>
              items.length === 0 ? (
                <p className="muted">Nothing recorded yet.</p>
              ) : (
                <ol className="plain-list history">
                  {items.map((e) => (
                    <li key={e.id}>
                      <Time iso={e.createdAt} /> <span className="mono">{e.action}</span> by {actorLabel(e)}
                    </li>
                  ))}
                </ol>
              )
            }
          </PagedView>
        </Section>
      ) : null}
      {moderator ? (
        <Section title="Notifications" description="Messages sent about this match and whether they arrived.">
          <PagedView list={deliveries} label="the notifications">
            {(items) =>
              items.length === 0 ? (
                <p className="muted">
                  No notifications about this match yet: they are listed here once your plugins and webhooks
                  send them.
                </p>
              ) : (
                <div className="table-wrap">
                  <table className="table" aria-label="Notification deliveries">
                    <thead>
                      <tr>
                        <th scope="col">When</th>
                        <th scope="col">Event</th>
                        <th scope="col">Channel</th>
                        <th scope="col">Status</th>
                        <th scope="col">Last error</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((d) => (
                        <tr key={d.id}>
                          <td>
                            <Time iso={d.createdAt} />
                          </td>
                          <td className="mono">{d.eventType}</td>
                          <td>{d.channel}</td>
                          <td>
                            {d.status} ({d.attempts} {d.attempts === 1 ? 'try' : 'tries'})
                          </td>
                          <td>{d.lastError ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </PagedView>
        </Section>
      ) : null}
    </>
  );
}
