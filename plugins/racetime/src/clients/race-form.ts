/**
 * Race room settings for `startrace` and `edit` (reference §4.1/§4.2). racetime.gg fills every
 * omitted field with its model default (not the category's or the goal's), and `edit` even resets
 * omitted fields, so every field is required here and always sent.
 */
export interface RaceSettings {
  /** Exactly one of a category goal (by name) or a custom goal. */
  goal: { name: string } | { custom: string };
  /** Opens the room invitational (invite-only). Cannot be changed by `edit`. */
  invitational: boolean;
  unlisted: boolean;
  /** Whether the result counts for the leaderboard. */
  ranked: boolean;
  /** Organizer-facing info line (≤1000 chars); `null` clears it. */
  infoUser: string | null;
  /** Bot-owned info line (≤1000 chars, e.g. the seed); `null` clears it. */
  infoBot: string | null;
  teamRace: boolean;
  requireEvenTeams: boolean;
  /** Countdown seconds, 10–60. */
  startDelaySeconds: number;
  /** Hours, 1–72. */
  timeLimitHours: number;
  /** Finish (instead of cancel) a race whose time runs out with no finisher. */
  timeLimitAutoComplete: boolean;
  streamingRequired: boolean;
  autoStart: boolean;
  allowComments: boolean;
  hideComments: boolean;
  allowPreraceChat: boolean;
  allowMidraceChat: boolean;
  allowNonEntrantChat: boolean;
  /** Seconds non-monitors' chat is held back, 0–90. */
  chatMessageDelaySeconds: number;
  /** 1v1 ladder pairing; ignored unless the category allows it. Default false. */
  partitionable?: boolean;
  /** Pseudonymous entrants; ignored unless the category allows it. Default false. */
  hideEntrants?: boolean;
}

/** The exact form field name of each setting (reference §4.1 table). */
const FIELD_NAMES = {
  invitational: 'invitational',
  unlisted: 'unlisted',
  ranked: 'ranked',
  infoUser: 'info_user',
  infoBot: 'info_bot',
  teamRace: 'team_race',
  requireEvenTeams: 'require_even_teams',
  startDelaySeconds: 'start_delay',
  timeLimitHours: 'time_limit',
  timeLimitAutoComplete: 'time_limit_auto_complete',
  streamingRequired: 'streaming_required',
  autoStart: 'auto_start',
  allowComments: 'allow_comments',
  hideComments: 'hide_comments',
  allowPreraceChat: 'allow_prerace_chat',
  allowMidraceChat: 'allow_midrace_chat',
  allowNonEntrantChat: 'allow_non_entrant_chat',
  chatMessageDelaySeconds: 'chat_message_delay',
  partitionable: 'partitionable',
  hideEntrants: 'hide_entrants',
} as const satisfies Record<Exclude<keyof RaceSettings, 'goal'>, string>;

// `edit` cannot change these (use the make_open/make_invitational socket actions instead).
const NOT_EDITABLE = new Set<keyof RaceSettings>([
  'invitational',
  'teamRace',
  'partitionable',
  'hideEntrants',
]);

function encode(value: boolean | number | string | null | undefined): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new TypeError(`racetime race settings take whole numbers, got ${value}`);
    return String(value);
  }
  // An empty string is how a form says "no value" (null in the model).
  return value ?? '';
}

/** The `application/x-www-form-urlencoded` body of `POST /o/{category}/startrace` (or `edit`). */
export function raceSettingsForm(settings: RaceSettings, purpose: 'startrace' | 'edit'): URLSearchParams {
  const form = new URLSearchParams();
  if ('custom' in settings.goal) form.set('custom_goal', settings.goal.custom);
  else form.set('goal', settings.goal.name);
  const withDefaults: RaceSettings = { partitionable: false, hideEntrants: false, ...settings };
  for (const [key, field] of Object.entries(FIELD_NAMES) as [keyof typeof FIELD_NAMES, string][]) {
    if (purpose === 'edit' && NOT_EDITABLE.has(key)) continue;
    form.set(field, encode(withDefaults[key]));
  }
  return form;
}
