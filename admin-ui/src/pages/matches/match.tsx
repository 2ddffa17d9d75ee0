import { useRef } from 'react';
import { Link, useParams } from 'react-router';
import { type Match, matchName, type Tournament } from '../../api/domain-types';
import { roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { PageHeader, Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { StateBadge } from '../../components/state-badge';
import { useLiveFeed } from '../../live/use-live-feed';
import { useOrg } from '../../org/org-context';
import { enabledAdminPlugins } from '../../plugins/registry';
import { MatchActions } from './match-actions';
import { MatchCrew } from './match-crew';
import { MatchDetails } from './match-details';
import { MatchHistory } from './match-history';
import { MatchResults } from './match-results';

/** Whether a live event is about match `id` (core events carry `match.id`, plugin events `matchId`). */
const isAbout = (payload: unknown, id: number) => {
  const p = payload as { match?: { id?: number }; matchId?: number | null };
  return p?.match?.id === id || p?.matchId === id;
};

/** One match: details, players and results, plugin sections (race room), crew, actions and history. */
export function MatchPage() {
  const { id = '' } = useParams();
  const matchId = Number(id);
  const { org, role, plugins } = useOrg();
  const match = useApi<Match>(`/orgs/${org.slug}/matches/${encodeURIComponent(id)}`);
  const tournament = useApi<Tournament>(
    match.data ? `/orgs/${org.slug}/tournaments/${match.data.tournamentId}` : null,
  );
  const pending = useRef<number>(undefined);
  useLiveFeed(
    org.slug,
    (event) => {
      if (!isAbout(event.payload, matchId)) return;
      window.clearTimeout(pending.current);
      pending.current = window.setTimeout(() => void match.reload(), 100);
    },
    ['core.match.'],
  );
  const moderator = roleAtLeast(role, 'moderator');
  const sections = enabledAdminPlugins(plugins.data?.items ?? []).filter((c) => c.plugin.MatchSection);
  const set = (next: Match) => match.setData(() => next);
  return (
    <ResourceView resource={match} label="the match">
      {(m) => (
        <>
          <PageHeader
            title={matchName(m)}
            description={
              <>
                <StateBadge state={m.state} />{' '}
                <Link to={`/orgs/${org.slug}/schedule?tournament=${m.tournamentId}&range=all`}>
                  Back to the schedule
                </Link>
              </>
            }
          />
          <div className="match-grid">
            <div>
              <MatchDetails match={m} tournament={tournament.data} onChanged={moderator ? set : undefined} />
              {sections.map(({ plugin, state }) => {
                const Plugin = plugin.MatchSection!;
                return (
                  <Plugin
                    key={plugin.id}
                    org={org}
                    plugin={state}
                    role={role}
                    match={m}
                    reload={() => void match.reload()}
                  />
                );
              })}
              {moderator ? (
                <>
                  <MatchActions match={m} onChanged={set} />
                  <MatchResults match={m} onChanged={set} />
                </>
              ) : null}
            </div>
            <div>
              <MatchCrew matchId={m.id} />
              <MatchHistory matchId={m.id} />
              {!moderator ? (
                <Section title="Changes">
                  <p className="muted">Moderators reschedule, cancel and record results.</p>
                </Section>
              ) : null}
            </div>
          </div>
        </>
      )}
    </ResourceView>
  );
}
