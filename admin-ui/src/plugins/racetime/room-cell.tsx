import type { Match } from '../../api/domain-types';
import type { PluginPageProps } from '../contract';
import { ROOM_STATUS } from './room-types';
import { useRoom } from './use-room';

/** The room's status in one schedule row, linking to the room once it exists. */
export function RoomCell({ org, match }: PluginPageProps & { match: Match }) {
  const room = useRoom(org.slug, match.id);
  const r = room.data;
  if (!r) return <span className="muted">…</span>;
  const label = ROOM_STATUS[r.status] ?? r.status;
  return r.url ? (
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
  );
}
