import type { MatchRoom, RoomEntrant } from './room-types';

/** The fields of the racetime entrant events (`racetime.entrant.*`) the panel reads. */
interface EntrantPayload {
  matchId?: number | null;
  racetimeUserId: string;
  racetimeUserName: string;
  userId: number | null;
  initialStatus?: string;
  newStatus?: string;
  place?: number | null;
  finishTime?: string | null;
}

/** The match an event is about: racetime events carry `matchId`, core match events `match.id`. */
export const matchIdOf = (payload: unknown): number | undefined => {
  const p = payload as { matchId?: number | null; match?: { id?: number } } | null;
  return p?.matchId ?? p?.match?.id ?? undefined;
};

/** Finished entrants first by place, the others in the order they had (racetime.gg's order). */
const ordered = (entrants: RoomEntrant[]) =>
  entrants
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.place ?? Infinity) - (b.e.place ?? Infinity) || a.i - b.i)
    .map(({ e }) => e);

function upsert(room: MatchRoom, p: EntrantPayload, change: Partial<RoomEntrant>): MatchRoom {
  const known = room.entrants.some((e) => e.racetimeId === p.racetimeUserId);
  const entrants = known
    ? room.entrants.map((e) => (e.racetimeId === p.racetimeUserId ? { ...e, ...change } : e))
    : [
        ...room.entrants,
        {
          racetimeId: p.racetimeUserId,
          racetimeName: p.racetimeUserName,
          userId: p.userId,
          status: 'not_ready',
          place: null,
          finishTime: null,
          ...change,
        },
      ];
  return { ...room, entrants: ordered(entrants) };
}

/**
 * The room after a live entrant event, from the event's payload alone; `undefined` when the event
 * needs the room read again (race status changes, rooms opened, skipped or cancelled, match changes).
 */
export function applyRoomEvent(room: MatchRoom, name: string, payload: unknown): MatchRoom | undefined {
  const p = payload as EntrantPayload;
  switch (name) {
    case 'racetime.entrant.joined':
      return upsert(room, p, { status: p.initialStatus ?? 'not_ready' });
    case 'racetime.entrant.invited':
      return upsert(room, p, { status: 'invited' });
    case 'racetime.entrant.status_changed':
      return upsert(room, p, {
        status: p.newStatus ?? 'not_ready',
        place: p.place ?? null,
        finishTime: p.finishTime ?? null,
      });
    case 'racetime.entrant.left':
      return { ...room, entrants: room.entrants.filter((e) => e.racetimeId !== p.racetimeUserId) };
    default:
      return undefined;
  }
}
