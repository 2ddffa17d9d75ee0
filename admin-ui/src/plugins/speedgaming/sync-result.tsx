import { Link } from 'react-router';
import { Time } from '../../components/time';
import type { SgSync } from './types';

const STATUS: Record<SgSync['status'], { label: string; badge: string }> = {
  running: { label: 'Running', badge: 'badge' },
  succeeded: { label: 'Succeeded', badge: 'badge' },
  partial: { label: 'Partly imported', badge: 'badge badge-danger' },
  failed: { label: 'Failed: nothing changed', badge: 'badge badge-danger' },
};

/** What one import run did: status, counts, the run's error and each episode it could not import. */
export function SyncResult({ sync, orgSlug }: { sync: SgSync; orgSlug: string }) {
  const status = STATUS[sync.status];
  const counts = [
    ['imported', sync.imported],
    ['updated', sync.updated],
    ['unchanged', sync.unchanged],
    ['cancelled', sync.cancelled],
    ['skipped', sync.skipped],
    ['newly stale', sync.stale],
    ['not imported', sync.errors],
  ] as const;
  return (
    <article className="sync-result" aria-label={`Sync ${sync.id}`}>
      <p>
        <span className={status.badge}>{status.label}</span>{' '}
        <span className="muted">
          {sync.trigger === 'manual' ? 'Started by hand' : 'Automatic'} <Time iso={sync.startedAt} />
          {sync.durationMs !== null ? `, took ${(sync.durationMs / 1000).toFixed(1)} s` : ''}
        </span>
      </p>
      <p>{counts.map(([label, n]) => `${n} ${label}`).join(' · ')}</p>
      {sync.error ? (
        <p className="notice notice-error" role="alert">
          SpeedGaming could not be read: {sync.error}. The next automatic import tries again.
        </p>
      ) : null}
      {sync.rejections.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label={`Episodes sync ${sync.id} could not import`}>
            <thead>
              <tr>
                <th scope="col">Episode</th>
                <th scope="col">Why it was not imported</th>
              </tr>
            </thead>
            <tbody>
              {sync.rejections.map((r) => (
                <tr key={`${r.episodeId}|${r.reason}`}>
                  <td className="mono">{r.episodeId ?? '—'}</td>
                  <td>{r.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="muted">
        <Link to={`/orgs/${orgSlug}/p/speedgaming/syncs?tournament=${sync.tournamentId}`}>
          All imports of this tournament
        </Link>
      </p>
    </article>
  );
}
