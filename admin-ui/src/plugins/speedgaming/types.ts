/** `GET .../speedgaming/tournaments/:id/settings`. */
export interface SgSettings {
  tournamentId: number;
  importEnabled: boolean;
  eventSlugs: string[];
  windowBefore: string;
  windowAfter: string;
  interval: string;
  crewRoles: SgCrewRole[];
  /** null: the racetime plugin's own tournament setting decides. */
  racetimeAutoRooms: boolean | null;
  nextRunAt: string | null;
}

export const CREW_ROLES = [
  { role: 'commentator', label: 'Commentators' },
  { role: 'tracker', label: 'Trackers' },
  { role: 'restreamer', label: 'Restreamers (SpeedGaming broadcasters)' },
] as const;
export type SgCrewRole = (typeof CREW_ROLES)[number]['role'];

/** One import run (`POST .../sync`, `GET .../syncs`). */
export interface SgSync {
  id: number;
  tournamentId: number;
  trigger: 'job' | 'manual';
  status: 'running' | 'succeeded' | 'partial' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  imported: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  skipped: number;
  stale: number;
  errors: number;
  durationMs: number | null;
  error: string | null;
  /** Episodes the run could not import (malformed, unconfirmed deletion, ambiguous people…) and why. */
  rejections: { episodeId: number | null; reason: string }[];
}

/** An imported match SpeedGaming's data could not be applied to. */
export interface SgProblem {
  matchId: number;
  episodeId: number;
  scheduledAt: string;
  problem: string;
  since: string;
}

/** An imported match 4 h past its time with no result. */
export interface SgStaleMatch {
  matchId: number;
  episodeId: number;
  scheduledAt: string;
  staleSince: string;
}
