import { useRef } from 'react';
import { useApi } from '../../api/use-api';
import { useLiveFeed } from '../../live/use-live-feed';
import { aboutMatch, type MatchRoom } from './room-types';

/** The match's room, reloaded live when racetime or the match reports a change. */
export function useRoom(org: string, matchId: number) {
  const room = useApi<MatchRoom>(`/orgs/${org}/racetime/matches/${matchId}/room`);
  const pending = useRef<number>(undefined);
  useLiveFeed(
    org,
    (event) => {
      if (!aboutMatch(event.payload, matchId)) return;
      window.clearTimeout(pending.current);
      pending.current = window.setTimeout(() => void room.reload(), 100);
    },
    ['racetime.', 'core.match.'],
  );
  return room;
}
