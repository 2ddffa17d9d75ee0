import type { Match } from '../../api/domain-types';
import { formatDuration } from '../../components/duration';
import { ENTRANT_STATUS, type RoomEntrant } from './room-types';

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
};

/** The entrant's Racedesk name when linked to one of the match's players, else the racetime.gg name. */
export const entrantName = (e: RoomEntrant, match: Pick<Match, 'players'>) =>
  (e.userId !== null && match.players.find((p) => p.userId === e.userId)?.displayName) ||
  e.racetimeName.replace(/#\d{4}$/, '');

/** An entrant's status in words: "Finished 1st in 1:32:10", "Ready", "Did not finish". */
export function entrantStatus(e: RoomEntrant): string {
  const words = ENTRANT_STATUS[e.status] ?? e.status;
  if (e.status !== 'done') return words;
  return `${words}${e.place ? ` ${ordinal(e.place)}` : ''}${e.finishTime ? ` in ${formatDuration(e.finishTime)}` : ''}`;
}

/** The race's entrants on the match page: who, linked or not, status, place and time. */
export function EntrantsTable({ entrants, match }: { entrants: RoomEntrant[]; match: Match }) {
  if (entrants.length === 0)
    return <p className="muted">Nobody is in the room yet. Invited players appear here once they join.</p>;
  return (
    <div className="table-wrap">
      <table className="table table-stack">
        <caption className="sr-only">Entrants</caption>
        <thead>
          <tr>
            <th scope="col">Entrant</th>
            <th scope="col">Status</th>
            <th scope="col">Place</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {entrants.map((e, i) => (
            <tr key={e.racetimeId ?? `hidden-${i}`} className={`entrant entrant-${e.status}`}>
              <th scope="row">
                {entrantName(e, match)}{' '}
                <span className="muted mono">
                  {e.userId === null ? `(${e.racetimeName}, not linked)` : `(${e.racetimeName})`}
                </span>
              </th>
              <td data-label="Status">{ENTRANT_STATUS[e.status] ?? e.status}</td>
              <td data-label="Place">{e.place ? ordinal(e.place) : '—'}</td>
              <td data-label="Time" className="mono">
                {formatDuration(e.finishTime) || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The entrants in a schedule row, one short line each. */
export function EntrantsLine({ entrants, match }: { entrants: RoomEntrant[]; match: Match }) {
  if (entrants.length === 0) return null;
  return (
    <ul className="entrant-mini" aria-label="Entrants">
      {entrants.map((e, i) => (
        <li key={e.racetimeId ?? `hidden-${i}`} className={`entrant-${e.status}`}>
          {entrantName(e, match)}: {entrantStatus(e)}
        </li>
      ))}
    </ul>
  );
}
