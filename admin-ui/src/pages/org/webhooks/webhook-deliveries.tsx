import type { Delivery } from '../../../api/domain-types';
import { usePagedApi } from '../../../api/use-api';
import { Button } from '../../../components/button';
import { ErrorNotice } from '../../../components/error-notice';
import { ShowMore } from '../../../components/show-more';
import { Time } from '../../../components/time';

/** The delivery log of one endpoint: each event sent, its status, tries and last error. */
export function WebhookDeliveries({ org, webhookId }: { org: string; webhookId: number }) {
  const log = usePagedApi<Delivery>(`/orgs/${org}/notifications/deliveries`, { webhookId, limit: 25 });
  if (log.error) return <ErrorNotice error={log.error} retry={() => void log.reload()} />;
  if (!log.items) return <p className="muted">Loading deliveries…</p>;
  const refresh = (
    <Button size="small" busy={log.loading} busyLabel="Loading…" onClick={() => void log.reload()}>
      Refresh
    </Button>
  );
  if (log.items.length === 0)
    return (
      <p className="muted">Nothing sent yet: deliveries appear when a chosen event happens. {refresh}</p>
    );
  return (
    <>
      {refresh}
      <div className="table-wrap">
        <table className="table" aria-label="Deliveries">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Last error</th>
            </tr>
          </thead>
          <tbody>
            {log.items.map((d) => (
              <tr key={d.id}>
                <td>
                  <Time iso={d.createdAt} />
                </td>
                <td className="mono">{d.eventType}</td>
                <td>
                  {d.status} ({d.attempts} {d.attempts === 1 ? 'try' : 'tries'})
                  {d.nextAttemptAt ? (
                    <div className="muted">
                      next try <Time iso={d.nextAttemptAt} />
                    </div>
                  ) : null}
                </td>
                <td>{d.lastError ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ShowMore list={log} />
    </>
  );
}
