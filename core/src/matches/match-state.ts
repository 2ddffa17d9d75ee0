import { Type } from 'typebox';

/** The states of a match, derived from its timestamps. */
export const MATCH_STATES = [
  'scheduled',
  'checked_in',
  'started',
  'finished',
  'recorded',
  'cancelled',
] as const;
/** A match state. */
export type MatchState = (typeof MATCH_STATES)[number];
/** TypeBox schema of a match state. */
export const MatchStateSchema = Type.Union([
  Type.Literal('scheduled'),
  Type.Literal('checked_in'),
  Type.Literal('started'),
  Type.Literal('finished'),
  Type.Literal('recorded'),
  Type.Literal('cancelled'),
]);

/** The timestamp that marks each progress state, in order. */
export const STATE_COLUMNS = [
  ['checked_in', 'checked_in_at'],
  ['started', 'started_at'],
  ['finished', 'finished_at'],
  ['recorded', 'recorded_at'],
] as const;

/** Timestamps a state is derived from. */
export interface StateTimestamps {
  checked_in_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  recorded_at: Date | null;
  cancelled_at: Date | null;
}

/** The state of a match: cancelled wins, then the latest progress timestamp set. */
export function stateOf(row: StateTimestamps): MatchState {
  if (row.cancelled_at) return 'cancelled';
  for (const [state, column] of [...STATE_COLUMNS].reverse()) if (row[column]) return state;
  return 'scheduled';
}

/** SQL condition for "the match is in `state`" (table alias `m`), for list filters. */
export function stateCondition(state: MatchState): string {
  if (state === 'cancelled') return 'm.cancelled_at is not null';
  const index = STATE_COLUMNS.findIndex(([s]) => s === state);
  const later = STATE_COLUMNS.slice(index + 1).map(([, c]) => `m.${c} is null`);
  const own = index >= 0 ? [`m.${STATE_COLUMNS[index]![1]} is not null`] : [];
  return ['m.cancelled_at is null', ...own, ...later].join(' and ');
}
