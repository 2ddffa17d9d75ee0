import type { Category } from './accounts.js';

/** Race `status.value` (reference §3.5). */
export type RaceStatus =
  | 'open'
  | 'invitational'
  | 'pending'
  | 'in_progress'
  | 'finished'
  | 'cancelled'
  | 'partitioned';

/** Stored entry state; the entrant `status` shown in JSON is computed from it (reference §3.5). */
export type EntryState = 'requested' | 'invited' | 'joined' | 'declined' | 'partitioned';

/** The race settings, keyed exactly like the startrace/edit form fields (reference §4.1). */
export interface RaceSettings {
  goal: string | null;
  custom_goal: string | null;
  team_race: boolean;
  invitational: boolean;
  unlisted: boolean;
  partitionable: boolean;
  hide_entrants: boolean;
  ranked: boolean;
  info_user: string | null;
  info_bot: string | null;
  recordable: boolean;
  require_even_teams: boolean;
  /** Seconds, 10–60. */
  start_delay: number;
  /** Hours, 1–72. */
  time_limit: number;
  time_limit_auto_complete: boolean;
  streaming_required: boolean;
  auto_start: boolean;
  allow_comments: boolean;
  hide_comments: boolean;
  allow_prerace_chat: boolean;
  allow_midrace_chat: boolean;
  allow_non_entrant_chat: boolean;
  /** Seconds, 0–90. */
  chat_message_delay: number;
}

/** A blank race's model defaults: what omitted form fields become (reference §4.1). */
export const MODEL_DEFAULTS: Readonly<RaceSettings> = {
  goal: null,
  custom_goal: null,
  team_race: false,
  invitational: false,
  unlisted: false,
  partitionable: false,
  hide_entrants: false,
  ranked: true,
  info_user: null,
  info_bot: null,
  recordable: true,
  require_even_teams: false,
  start_delay: 15,
  time_limit: 24,
  time_limit_auto_complete: false,
  streaming_required: true,
  auto_start: true,
  allow_comments: true,
  hide_comments: false,
  allow_prerace_chat: true,
  allow_midrace_chat: true,
  allow_non_entrant_chat: true,
  chat_message_delay: 0,
};

export interface Entrant {
  userId: string;
  state: EntryState;
  ready: boolean;
  /** Milliseconds since `started_at`, or `null`. */
  finishTime: number | null;
  dnf: boolean;
  dq: boolean;
  comment: string | null;
  streamOverride: boolean;
}

export interface ChatMessage {
  id: string;
  userId: string | null;
  bot: string | null;
  directTo: string | null;
  postedAt: Date;
  message: string;
  highlight: boolean;
  isSystem: boolean;
  isPinned: boolean;
  delay: number;
  actions: Record<string, unknown> | null;
}

export interface Race {
  category: Category;
  slug: string;
  version: number;
  status: RaceStatus;
  settings: RaceSettings;
  entrants: Entrant[];
  /** User ids explicitly promoted to monitor. */
  monitors: string[];
  openedAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  cancelledAt: Date | null;
  openedBy: string | null;
  openedByBot: string | null;
  recorded: boolean;
  recordedBy: string | null;
  botMeta: Record<string, unknown>;
  chat: ChatMessage[];
  /** Bot message guids with the time they were seen (duplicates within 300 s are dropped). */
  guids: Map<string, number>;
}

/** Statuses in which a race is over. */
export const isDone = (race: Race): boolean =>
  race.status === 'finished' || race.status === 'cancelled' || race.status === 'partitioned';

/** Statuses in which entrants may still join, leave and ready up. */
export const isOpen = (race: Race): boolean => race.status === 'open' || race.status === 'invitational';

/** Joined entrants still racing (not finished, not DNF, not DQ). */
export const isRunning = (e: Entrant): boolean =>
  e.state === 'joined' && e.finishTime === null && !e.dnf && !e.dq;

export const joined = (race: Race): Entrant[] => race.entrants.filter((e) => e.state === 'joined');

export const entrantOf = (race: Race, userId: string): Entrant | undefined =>
  race.entrants.find((e) => e.userId === userId);

/**
 * Chat closes once the race is done and either recorded, or unrecordable and ended at least an hour ago
 * (reference §6.1).
 */
export function isChatClosed(race: Race, now: Date): boolean {
  if (!isDone(race)) return false;
  if (race.recorded) return true;
  const ended = race.endedAt ?? race.cancelledAt;
  return !race.settings.recordable && ended !== null && now.getTime() - ended.getTime() >= 3_600_000;
}
