import type { Match } from '../../api/domain-types';
import type { PluginPageProps } from '../contract';
import { EntrantsLine } from './room-entrants';
import { ROOM_STATUS } from './room-types';
import { useScheduleRooms } from './rooms-context';

/** The room's status in one schedule row (a link once it exists), and its entrants while it has any. */
export function RoomCell({ match }: PluginPageProps & { match: Match }) {
  const { rooms, error } = useScheduleRooms();
  const r = rooms.get(match.id);
  if (!r)
    return error ? (
      <span className="text-warning" title={error.message}>
        Room status unavailable
      </span>
    ) : (
      <span className="muted">…</span>
    );
  const label = ROOM_STATUS[r.status] ?? r.status;
  return (
    <>
      {r.url ? (
        <a href={r.url} target="_blank" rel="noreferrer">
          {label}
        </a>
      ) : (
        <span
          className={r.status === 'skipped' || r.status === 'failed' ? 'text-warning' : 'muted'}
          title={r.skipDetail ?? undefined}
        >
          {label}
        </span>
      )}
      {r.status === 'open' || r.status === 'in_progress' ? (
        <EntrantsLine entrants={r.entrants} match={match} />
      ) : null}
    </>
  );
}
