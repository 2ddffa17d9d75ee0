import type { Category } from './accounts.js';
import { MODEL_DEFAULTS, type RaceSettings } from './race-model.js';

type Field = keyof RaceSettings;
type Errors = Record<string, string[]>;

/** Fields accepted by `startrace` (reference §4.1). */
export const STARTRACE_FIELDS: readonly Field[] = Object.keys(MODEL_DEFAULTS) as Field[];

/** Fields `edit` accepts while the race is open/invitational (reference §4.2). */
export const EDIT_OPEN_FIELDS: readonly Field[] = STARTRACE_FIELDS.filter(
  (f) => !['team_race', 'invitational', 'partitionable', 'hide_entrants'].includes(f),
);

/** Fields `edit` accepts once the race is pending/in progress. */
export const EDIT_RUNNING_FIELDS: readonly Field[] = [
  'unlisted',
  'info_user',
  'allow_comments',
  'hide_comments',
  'allow_midrace_chat',
  'allow_non_entrant_chat',
  'chat_message_delay',
];

const RANGES: Partial<Record<Field, { min: number; max: number; minText: string; maxText: string }>> = {
  start_delay: { min: 10, max: 60, minText: '0:00:10', maxText: '0:01:00' },
  time_limit: { min: 1, max: 72, minText: '1:00:00', maxText: '3 days, 0:00:00' },
  chat_message_delay: { min: 0, max: 90, minText: '0:00:00', maxText: '0:01:30' },
};
const MAX_LENGTH: Partial<Record<Field, number>> = { custom_goal: 255, info_user: 1000, info_bot: 1000 };

/** `"true"`/`"false"` case-insensitively; any other non-empty string is true, empty is false. */
export function parseFormBoolean(value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === 'false' || value === '') return false;
  return true;
}

function parseField(
  field: Field,
  raw: string,
  category: Category,
  errors: Errors,
): RaceSettings[Field] | undefined {
  const fail = (message: string) => {
    errors[field] = [...(errors[field] ?? []), message];
    return undefined;
  };
  const range = RANGES[field];
  if (range) {
    if (!/^\s*[+-]?\d+\s*$/.test(raw)) return fail('Enter a whole number.');
    const n = Number(raw);
    if (n < range.min) return fail(`Ensure this value is greater than or equal to ${range.minText}.`);
    if (n > range.max) return fail(`Ensure this value is less than or equal to ${range.maxText}.`);
    return n;
  }
  if (typeof MODEL_DEFAULTS[field] === 'boolean') return parseFormBoolean(raw);
  const max = MAX_LENGTH[field];
  if (max && raw.length > max)
    return fail(`Ensure this value has at most ${max} characters (it has ${raw.length}).`);
  // An unknown goal name is treated as "no goal" (exact name lookup).
  if (field === 'goal') return category.goals.includes(raw) ? raw : null;
  return raw === '' ? null : raw;
}

/**
 * Applies a startrace/edit form to `current`: each field of `fields` takes the posted value or, when
 * omitted, the model default (reference §4.1/4.2); other fields keep their value.
 */
export function applyRaceForm(
  form: URLSearchParams,
  category: Category,
  fields: readonly Field[],
  current: RaceSettings,
): { settings: RaceSettings } | { errors: Errors } {
  const errors: Errors = {};
  const settings: Record<string, unknown> = { ...current };
  for (const field of fields) {
    const raw = form.get(field);
    settings[field] = raw === null ? MODEL_DEFAULTS[field] : parseField(field, raw, category, errors);
  }
  const s = settings as unknown as RaceSettings;
  const all: string[] = [];
  if (fields.includes('goal')) {
    if (s.goal && s.custom_goal) all.push('The race must only have one goal.');
    else if (!s.goal && !s.custom_goal) all.push('You need to set a goal for this race.');
  }
  if (!category.allowHiddenEntrants) s.hide_entrants = false;
  if (!category.allowLadder) s.partitionable = false;
  if (s.team_race && s.hide_entrants) all.push('Team races are not compatible with hidden entrants.');
  if (s.team_race && s.partitionable) all.push('Team races are not compatible with 1v1 ladder races.');
  if (all.length > 0) errors.__all__ = all;
  if (Object.keys(errors).length > 0) return { errors };
  if (fields.includes('recordable')) s.recordable = s.custom_goal ? false : s.ranked;
  if (s.hide_entrants) {
    s.allow_prerace_chat = false;
    s.allow_midrace_chat = false;
    s.allow_non_entrant_chat = false;
  }
  return { settings: s };
}
