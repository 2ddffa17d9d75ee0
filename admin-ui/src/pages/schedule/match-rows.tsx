import { Fragment } from 'react';
import { Link } from 'react-router';
import { type Match, matchName, type Tournament } from '../../api/domain-types';
import { StateBadge } from '../../components/state-badge';
import { formatDay, Time } from '../../components/time';
import { useOrg } from '../../org/org-context';
import { enabledAdminPlugins } from '../../plugins/registry';
import { MatchResult } from './match-result';
import { dayKey } from './schedule-range';

/** Matches by day in the viewer's zone; on phones each row stacks into a card. */
export function MatchRows({
  matches,
  tournaments,
}: {
  matches: readonly Match[];
  tournaments: ReadonlyMap<number, Tournament>;
}) {
  const { org, role, plugins } = useOrg();
  const columns = enabledAdminPlugins(plugins.data?.items ?? []).filter((c) => c.plugin.ScheduleColumn);
  const base = `/orgs/${org.slug}`;
  let lastDay = '';
  const table = (
    <div className="table-wrap">
      <table className="table table-stack">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Match</th>
            <th scope="col">Tournament</th>
            <th scope="col">State</th>
            {columns.map(({ plugin }) => (
              <th key={plugin.id} scope="col">
                {plugin.ScheduleColumn!.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matches.map((m) => {
            const day = dayKey(m.scheduledAt);
            const heading = day !== lastDay;
            lastDay = day;
            return (
              <Fragment key={m.id}>
                {heading ? (
                  <tr className="day-row">
                    <th scope="rowgroup" colSpan={4 + columns.length}>
                      {formatDay(m.scheduledAt)}
                    </th>
                  </tr>
                ) : null}
                <tr className={m.state === 'cancelled' ? 'row-muted' : undefined}>
                  <td data-label="Time" className="nowrap">
                    <Time iso={m.scheduledAt} timeOnly />
                  </td>
                  <td data-label="Match">
                    <Link to={`${base}/matches/${m.id}`}>{matchName(m)}</Link>
                    {m.round ? <span className="muted"> · {m.round}</span> : null}
                    <MatchResult match={m} />
                  </td>
                  <td data-label="Tournament">
                    {tournaments.get(m.tournamentId)?.name ?? `#${m.tournamentId}`}
                  </td>
                  <td data-label="State">
                    <StateBadge state={m.state} />
                  </td>
                  {columns.map(({ plugin, state }) => {
                    const { Cell, label } = plugin.ScheduleColumn!;
                    return (
                      <td key={plugin.id} data-label={label}>
                        <Cell org={org} plugin={state} role={role} match={m} />
                      </td>
                    );
                  })}
                </tr>
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
  // Columns that load for the whole schedule at once wrap the table with every listed match.
  return columns.reduceRight((inner, { plugin, state }) => {
    const { Provider } = plugin.ScheduleColumn!;
    return Provider ? (
      <Provider key={plugin.id} org={org} plugin={state} role={role} matches={matches}>
        {inner}
      </Provider>
    ) : (
      inner
    );
  }, table);
}
