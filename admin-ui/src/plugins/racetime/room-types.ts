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
}

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
