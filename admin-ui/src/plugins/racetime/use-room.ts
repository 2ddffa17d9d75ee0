import { useCallback, useMemo } from 'react';
import { api } from '../../api/client';
import type { MatchRoom, MatchRooms } from './room-types';
import { type RoomsFetcher, useLiveRooms } from './use-live-rooms';

/** Most matches one `GET .../racetime/rooms` takes. */
const ROOMS_PER_REQUEST = 100;

/** Reads many matches' rooms with `GET .../racetime/rooms?matchIds=…`, 100 at a time. */
export const roomsFetcher =
  (org: string): RoomsFetcher =>
  async (ids) => {
    const chunks: number[][] = [];
    for (let i = 0; i < ids.length; i += ROOMS_PER_REQUEST) chunks.push(ids.slice(i, i + ROOMS_PER_REQUEST));
    const pages = await Promise.all(
      chunks.map((chunk) =>
        api<MatchRooms>(`/orgs/${org}/racetime/rooms`, { query: { matchIds: chunk.join(',') } }),
      ),
    );
    return new Map(pages.flatMap((page) => page.items.map(({ matchId, ...room }) => [matchId, room])));
  };

/** The match's room with its entrants, kept current from the live feed. */
export function useRoom(org: string, matchId: number) {
  const fetchOne = useCallback<RoomsFetcher>(
    async () => new Map([[matchId, await api<MatchRoom>(`/orgs/${org}/racetime/matches/${matchId}/room`)]]),
    [org, matchId],
  );
  const ids = useMemo(() => [matchId], [matchId]);
  const live = useLiveRooms(org, ids, fetchOne);
  const data = live.rooms.get(matchId);
  return {
    data,
    error: live.error,
    loading: data === undefined && live.error === undefined,
    reload: live.reload,
    set: (room: MatchRoom) => live.set(matchId, room),
  };
}
