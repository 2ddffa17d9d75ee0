import { type MatchState, STATE_LABELS } from '../api/domain-types';

/** A match state as a coloured badge. */
export function StateBadge({ state }: { state: MatchState }) {
  return <span className={`badge state state-${state}`}>{STATE_LABELS[state]}</span>;
}
