import { Link } from 'react-router';
import type { Match, Tournament } from '../../api/domain-types';
import { formatDuration } from '../../components/duration';
import { Section } from '../../components/page-header';
import { Time } from '../../components/time';
import { useOrg } from '../../org/org-context';
import { EditPlayers } from './edit-players';

const STATUS: Record<string, string> = { done: 'Finished', dnf: 'Did not finish', dq: 'Disqualified' };

/** When, where from and who: the facts of a match and its players with their results (editable by moderators). */
export function MatchDetails({
  match,
  tournament,
  onChanged,
}: {
  match: Match;
  tournament: Tournament | undefined;
  /** Offers "Edit players" (moderators) and takes the changed match. */
  onChanged?: (m: Match) => void;
}) {
  const { org } = useOrg();
  return (
    <Section title="Details">
      <dl className="kv">
        <div>
          <dt>Starts</dt>
          <dd>
            <Time iso={match.scheduledAt} />
          </dd>
        </div>
        <div>
          <dt>Tournament</dt>
          <dd>
            <Link to={`/orgs/${org.slug}/tournaments/${match.tournamentId}`}>
              {tournament?.name ?? `#${match.tournamentId}`}
            </Link>
          </dd>
        </div>
        {match.round ? (
          <div>
            <dt>Round</dt>
            <dd>{match.round}</dd>
          </div>
        ) : null}
        {match.source ? (
          <div>
            <dt>Imported from</dt>
            <dd>
              {match.source.source === 'speedgaming' ? 'SpeedGaming' : match.source.source}, episode{' '}
              <span className="mono">{match.source.externalId}</span>
            </dd>
          </div>
        ) : null}
        {match.cancelledAt ? (
          <div>
            <dt>Cancelled</dt>
            <dd>
              <Time iso={match.cancelledAt} />: {match.cancelReason}
            </dd>
          </div>
        ) : null}
        {(match.automation ?? []).map((a) => (
          <div key={a.pluginId}>
            <dt>Run by {a.pluginId}</dt>
            <dd>
              {a.aspects.join(', ')}: {a.reason}
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="subheading">Players</h3>
      {match.players.length === 0 ? (
        <p className="muted">
          {onChanged && match.state !== 'cancelled' && !match.recordedAt
            ? 'No players yet: add them with Edit players below.'
            : 'No players yet.'}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table table-stack" aria-label="Players">
            <thead>
              <tr>
                <th scope="col">Seat</th>
                <th scope="col">Player</th>
                <th scope="col">Place</th>
                <th scope="col">Time</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {match.players.map((p) => (
                <tr key={p.userId}>
                  <td data-label="Seat">{p.seat}</td>
                  <td data-label="Player">{p.displayName}</td>
                  <td data-label="Place">{p.finishRank ?? '—'}</td>
                  <td data-label="Time" className="mono">
                    {formatDuration(p.finishTime) || '—'}
                  </td>
                  <td data-label="Result">{p.status ? STATUS[p.status] : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {onChanged ? <EditPlayers match={match} onChanged={onChanged} /> : null}
    </Section>
  );
}
