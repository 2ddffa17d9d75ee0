/** Tournaments, matches, crew and deliveries as the REST API returns them (see /api/docs/json). */

export interface CrewNeeds {
  commentator: number;
  tracker: number;
  restreamer: number;
}

export interface Tournament {
  id: number;
  slug: string;
  name: string;
  description: string;
  /** IANA zone; the org's unless set. */
  timezone: string;
  crewNeeds: CrewNeeds;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const MATCH_STATES = [
  'scheduled',
  'checked_in',
  'started',
  'finished',
  'recorded',
  'cancelled',
] as const;
export type MatchState = (typeof MATCH_STATES)[number];

/** A match state in words. */
export const STATE_LABELS: Record<MatchState, string> = {
  scheduled: 'Scheduled',
  checked_in: 'Checked in',
  started: 'Started',
  finished: 'Finished',
  recorded: 'Results recorded',
  cancelled: 'Cancelled',
};

export type PlayerStatus = 'done' | 'dnf' | 'dq';

export interface MatchPlayer {
  userId: number;
  displayName: string;
  seat: number;
  finishRank: number | null;
  /** ISO 8601 duration, e.g. PT1H23M45.6S. */
  finishTime: string | null;
  status: PlayerStatus | null;
}

export interface Match {
  id: number;
  tournamentId: number;
  title: string | null;
  round: string | null;
  streamChannelId: number | null;
  scheduledAt: string;
  state: MatchState;
  checkedInAt: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  recordedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  players: MatchPlayer[];
  source: { source: string; externalId: string } | null;
  /** Plugins that own parts of this match (only on GET of one match). */
  automation?: { pluginId: string; aspects: string[]; reason: string }[];
  createdAt: string;
  updatedAt: string;
}

export const CREW_ROLES = ['commentator', 'tracker', 'restreamer'] as const;
export type CrewRole = (typeof CREW_ROLES)[number];

export interface CrewMember {
  id: number;
  matchId: number;
  userId: number;
  displayName: string;
  role: CrewRole;
  approved: boolean;
  createdAt: string;
}

export interface CrewNeed {
  role: CrewRole;
  needed: number;
  approved: number;
  pending: number;
}

export interface Delivery {
  id: number;
  eventId: number;
  eventType: string;
  channel: string;
  userId: number | null;
  webhookId: number | null;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** A match's name for people: its title, or its players. */
export const matchName = (m: Pick<Match, 'title' | 'players'>) =>
  m.title || m.players.map((p) => p.displayName).join(' vs ') || 'Untitled match';
