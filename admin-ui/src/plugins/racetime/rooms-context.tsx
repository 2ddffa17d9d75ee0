import { createContext, type ReactNode, useContext, useMemo } from 'react';
import type { Match } from '../../api/domain-types';
import { ErrorNotice } from '../../components/error-notice';
import type { PluginPageProps } from '../contract';
import { type LiveRooms, useLiveRooms } from './use-live-rooms';
import { roomsFetcher } from './use-room';

const RoomsContext = createContext<LiveRooms | null>(null);

/** Loads the rooms of every match on the schedule in one request and keeps them live. */
export function ScheduleRooms({
  org,
  matches,
  children,
}: PluginPageProps & { matches: readonly Match[]; children: ReactNode }) {
  const ids = useMemo(() => matches.map((m) => m.id), [matches]);
  const fetcher = useMemo(() => roomsFetcher(org.slug), [org.slug]);
  const rooms = useLiveRooms(org.slug, ids, fetcher);
  return (
    <RoomsContext value={rooms}>
      {rooms.error ? (
        <ErrorNotice
          error={rooms.error}
          title="Could not load the race rooms"
          retry={() => void rooms.reload()}
        />
      ) : null}
      {children}
    </RoomsContext>
  );
}

/** The schedule's rooms (inside {@link ScheduleRooms}). */
export function useScheduleRooms(): LiveRooms {
  const rooms = useContext(RoomsContext);
  if (!rooms) throw new Error('useScheduleRooms outside ScheduleRooms');
  return rooms;
}
