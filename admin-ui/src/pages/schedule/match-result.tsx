import type { Match, MatchPlayer } from '../../api/domain-types';
import { formatDuration } from '../../components/duration';

const OUT: Record<string, string> = { dnf: 'did not finish', dq: 'disqualified' };

const byPlace = (a: MatchPlayer, b: MatchPlayer) =>
  (a.finishRank ?? Infinity) - (b.finishRank ?? Infinity) || a.seat - b.seat;

/** A finished match's placings in its schedule row: "1. Mario 1:32:10 · Luigi did not finish". */
export function MatchResult({ match }: { match: Match }) {
  if (match.state !== 'finished' && match.state !== 'recorded') return null;
  const placed = match.players.filter((p) => p.status !== null || p.finishRank !== null);
  if (placed.length === 0) return <div className="muted small">Waiting for results</div>;
  return (
    <ol className="result-line" aria-label="Results">
      {[...placed].sort(byPlace).map((p) => (
        <li key={p.userId} className={p.finishRank === 1 ? 'result-winner' : undefined}>
          {p.finishRank ? `${p.finishRank}. ` : ''}
          {p.displayName}
          {p.status === 'done' && p.finishTime ? (
            <span className="mono"> {formatDuration(p.finishTime)}</span>
          ) : null}
          {p.status && OUT[p.status] ? <span className="muted"> {OUT[p.status]}</span> : null}
        </li>
      ))}
    </ol>
  );
}
