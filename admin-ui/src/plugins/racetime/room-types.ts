/** `GET /api/v1/orgs/:org/racetime/matches/:id/room`: the match's room, or why it was not opened. */
export interface MatchRoom {
  status: string;
  slug: string | null;
  url: string | null;
  invited: { userId: number; racetimeId: string }[];
  notInvited: { userId: number; reason: string }[];
  skipReason: string | null;
  skipDetail: string | null;
  openAt: string | null;
  /** The race as the tracker last saw it; null before the room's first update. */
  race: { status: string; startedAt: string | null; endedAt: string | null } | null;
  entrants: RoomEntrant[];
}

/** One entrant of the race: the racetime account and the Racedesk user linked to it, if any. */
export interface RoomEntrant {
  racetimeId: string | null;
  racetimeName: string;
  userId: number | null;
  status: string;
  place: number | null;
  /** ISO 8601 duration, as racetime.gg writes it. */
  finishTime: string | null;
}

/** `GET /api/v1/orgs/:org/racetime/rooms?matchIds=…`. */
export interface MatchRooms {
  items: (MatchRoom & { matchId: number })[];
  nextCursor: null;
}

/** Entrant statuses in words. */
export const ENTRANT_STATUS: Record<string, string> = {
  requested: 'Asked to join',
  invited: 'Invited',
  declined: 'Declined',
  not_ready: 'Not ready',
  ready: 'Ready',
  in_progress: 'Racing',
  done: 'Finished',
  dnf: 'Did not finish',
  dq: 'Disqualified',
  partitioned: 'Moved to another race',
};

/** Race statuses (racetime.gg's) in words. */
export const RACE_STATUS: Record<string, string> = {
  open: 'Open, waiting for entrants',
  invitational: 'Open (invitational), waiting for entrants',
  pending: 'Starting (countdown)',
  in_progress: 'Racing',
  finished: 'Finished',
  cancelled: 'Cancelled',
  partitioned: 'Split into several races',
};

/** Room statuses in words. */
export const ROOM_STATUS: Record<string, string> = {
  none: 'No room',
  pending: 'Waiting to open',
  skipped: 'Not opened',
  opening: 'Opening…',
  open: 'Open',
  in_progress: 'Race in progress',
  finished: 'Race finished',
  cancelled: 'Cancelled',
  failed: 'Failed to open',
};

/** Statuses from which "Open room now" makes sense. */
export const OPENABLE = ['none', 'pending', 'skipped', 'failed'];

/** Whether a live event is about match `id` (racetime events carry `matchId`). */
export const aboutMatch = (payload: unknown, id: number) =>
  (payload as { matchId?: number | null; match?: { id?: number } })?.matchId === id ||
  (payload as { match?: { id?: number } })?.match?.id === id;
