import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/client';
import { useLiveFeed } from '../../live/use-live-feed';
import { applyRoomEvent, matchIdOf } from './room-events';
import type { MatchRoom } from './room-types';

/** Reads the rooms of some matches; a match without a room in the answer has none to show. */
export type RoomsFetcher = (matchIds: number[]) => Promise<ReadonlyMap<number, MatchRoom>>;

/** The rooms of a set of matches, kept current from the org's live feed. */
export interface LiveRooms {
  rooms: ReadonlyMap<number, MatchRoom>;
  error: ApiError | undefined;
  /** Reads every room again. */
  reload: () => Promise<void>;
  /** Replaces one room (after a write answered with it). */
  set: (matchId: number, room: MatchRoom) => void;
}

const RELOAD_DELAY_MS = 100;

/**
 * Loads the rooms of `matchIds` (the new ones whenever the list changes) and follows the live feed:
 * entrant events are applied from their payload at once; anything else about one of the matches
 * (race status, room opened or skipped, match changed) reads that match's room again, batched. An
 * event that arrives while a read is under way is answered by reading its room again after it, so an
 * answer older than the event never has the last word.
 */
export function useLiveRooms(org: string, matchIds: readonly number[], fetchRooms: RoomsFetcher): LiveRooms {
  const [rooms, setRooms] = useState<ReadonlyMap<number, MatchRoom>>(new Map());
  const [error, setError] = useState<ApiError>();
  // The rooms as last changed, synchronously: loads and events both start from it, so neither
  // overwrites the other with a map older than what it already changed (state lags until a render).
  const current = useRef(rooms);
  const commit = useCallback((change: (next: Map<number, MatchRoom>) => void) => {
    const next = new Map(current.current);
    change(next);
    current.current = next;
    setRooms(next);
  }, []);
  const fetcher = useRef(fetchRooms);
  fetcher.current = fetchRooms;
  const requested = useRef(new Set<number>());
  const inFlight = useRef(0);
  const dirty = useRef(new Set<number>());
  const queued = useRef(new Set<number>());
  const timer = useRef<number>(undefined);
  const alive = useRef(true);
  const wanted = useRef(new Set<number>());
  wanted.current = new Set(matchIds);

  const load = useCallback(
    async (ids: number[]) => {
      if (ids.length === 0) return;
      for (const id of ids) requested.current.add(id);
      inFlight.current++;
      try {
        const found = await fetcher.current(ids);
        if (!alive.current) return;
        commit((next) => {
          for (const id of ids) {
            const room = found.get(id);
            if (room) next.set(id, room);
            else next.delete(id);
          }
        });
        setError(undefined);
      } catch (err) {
        if (!alive.current) return;
        for (const id of ids) requested.current.delete(id);
        setError(err instanceof ApiError ? err : new ApiError(0, 'RD_CLIENT', String(err)));
      } finally {
        inFlight.current--;
        if (alive.current && inFlight.current === 0 && dirty.current.size > 0) {
          const again = [...dirty.current];
          dirty.current.clear();
          void load(again);
        }
      }
    },
    [commit],
  );

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      window.clearTimeout(timer.current);
    };
  }, []);

  const key = [...new Set(matchIds)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    const ids = key ? key.split(',').map(Number) : [];
    void load(ids.filter((id) => !requested.current.has(id)));
  }, [key, load]);

  useLiveFeed(
    org,
    (event) => {
      const id = matchIdOf(event.payload);
      if (id === undefined || !wanted.current.has(id)) return;
      if (inFlight.current > 0) {
        dirty.current.add(id);
        return;
      }
      const room = current.current.get(id);
      const next = room ? applyRoomEvent(room, event.name, event.payload) : undefined;
      if (next) {
        commit((map) => map.set(id, next));
        return;
      }
      queued.current.add(id);
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => {
        const ids = [...queued.current];
        queued.current.clear();
        void load(ids);
      }, RELOAD_DELAY_MS);
    },
    ['racetime.', 'core.match.'],
  );

  const reload = useCallback(() => load([...wanted.current]), [load]);
  const set = useCallback(
    (matchId: number, room: MatchRoom) => commit((map) => map.set(matchId, room)),
    [commit],
  );
  return { rooms, error, reload, set };
}
