import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { ResourceView } from '../../components/resource-view';
import { Time } from '../../components/time';
import type { PluginPageProps } from '../contract';
import { SyncResult } from './sync-result';
import type { SgProblem, SgStaleMatch, SgSync } from './types';

/** "Sync now", the tournament's last import run, and imported matches that need an organizer. */
export function SyncStatus({
  org,
  role,
  tournamentId,
  importEnabled,
  onSynced,
}: PluginPageProps & { tournamentId: number; importEnabled: boolean; onSynced: () => void }) {
  const base = `/orgs/${org.slug}/speedgaming`;
  const last = useApi<{ items: SgSync[] }>(`${base}/syncs`, { tournamentId, limit: 1 });
  const problems = useApi<SgProblem[]>(`${base}/tournaments/${tournamentId}/problems`);
  const stale = useApi<SgStaleMatch[]>(`${base}/tournaments/${tournamentId}/stale`);
  const sync = useMutation(() => api<SgSync>(`${base}/tournaments/${tournamentId}/sync`, { method: 'POST' }));
  const canSync = roleAtLeast(role, 'moderator');
  // Automatic imports run on the server: while the import is on, look for a new run now and then.
  const reloadLast = last.reload;
  useEffect(() => {
    if (!importEnabled) return;
    void reloadLast();
    const timer = window.setInterval(() => void reloadLast(), 5_000);
    return () => window.clearInterval(timer);
  }, [importEnabled, reloadLast]);
  // A run this page did not start (the automatic import) changes the problems and stale matches too.
  const lastRunId = last.data?.items[0]?.id;
  const seenRunId = useRef<number | undefined>(undefined);
  const reloadProblems = problems.reload;
  const reloadStale = stale.reload;
  useEffect(() => {
    if (lastRunId === undefined || lastRunId === seenRunId.current) return;
    const first = seenRunId.current === undefined;
    seenRunId.current = lastRunId;
    if (!first) void Promise.all([reloadProblems(), reloadStale()]);
  }, [lastRunId, reloadProblems, reloadStale]);
  const retryAt =
    sync.error?.code === 'RD_SPEEDGAMING_TOO_SOON'
      ? (sync.error.details as { retryAt?: string } | undefined)?.retryAt
      : undefined;
  const run = async () => {
    const record = await sync.run();
    if (record) {
      seenRunId.current = record.id;
      last.setData(() => ({ items: [record] }));
      await Promise.all([problems.reload(), stale.reload()]);
      onSynced();
    }
  };
  const matchLink = (id: number) => <Link to={`/orgs/${org.slug}/matches/${id}`}>Match {id}</Link>;
  return (
    <div className="sg-status">
      <div className="card-header">
        <h3>Last import</h3>
        {canSync ? (
          <Button
            onClick={run}
            busy={sync.running}
            busyLabel="Importing from SpeedGaming…"
            disabled={!importEnabled}
            title={importEnabled ? undefined : 'Turn the import on and save first'}
          >
            Sync now
          </Button>
        ) : null}
      </div>
      {retryAt ? (
        <p className="notice notice-error" role="alert">
          SpeedGaming was read less than a minute ago (it allows one request a minute per event). Try again
          after <Time iso={retryAt} />.
        </p>
      ) : sync.error ? (
        <ErrorNotice error={sync.error} title="The import did not run" />
      ) : null}
      <ResourceView resource={last} label="the last import">
        {({ items }) =>
          items[0] ? (
            <SyncResult sync={items[0]} orgSlug={org.slug} />
          ) : (
            <EmptyState title="Not imported yet">
              {importEnabled
                ? 'The first automatic import runs shortly; press Sync now to import at once.'
                : 'Choose the SpeedGaming events, turn the import on and save.'}
            </EmptyState>
          )
        }
      </ResourceView>
      <ResourceView resource={problems} label="sync problems">
        {(items) =>
          items.length ? (
            <>
              <h3>Matches SpeedGaming could not update</h3>
              <p className="muted">
                Kept as they were; each problem clears by itself once SpeedGaming is back in sync.
              </p>
              <ul className="plain-list" aria-label="Sync problems">
                {items.map((p) => (
                  <li key={p.matchId}>
                    {matchLink(p.matchId)} (episode <span className="mono">{p.episodeId}</span>,{' '}
                    <Time iso={p.scheduledAt} />
                    ): {p.problem}{' '}
                    <span className="muted">
                      since <Time iso={p.since} />
                    </span>
                  </li>
                ))}
              </ul>
            </>
          ) : null
        }
      </ResourceView>
      <ResourceView resource={stale} label="stale matches">
        {(items) =>
          items.length ? (
            <>
              <h3>Past matches without a result</h3>
              <p className="muted">More than 4 hours past their time: record the result or cancel them.</p>
              <ul className="plain-list" aria-label="Stale matches">
                {items.map((s) => (
                  <li key={s.matchId}>
                    {matchLink(s.matchId)} (episode <span className="mono">{s.episodeId}</span>), was due{' '}
                    <Time iso={s.scheduledAt} />
                  </li>
                ))}
              </ul>
            </>
          ) : null
        }
      </ResourceView>
    </div>
  );
}
