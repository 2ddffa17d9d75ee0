import { useMemo, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Match, Tournament } from '../../api/domain-types';
import { roleAtLeast } from '../../api/types';
import { useApi, usePagedApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader, Section } from '../../components/page-header';
import { viewerTimeZone } from '../../components/time';
import { useLiveFeed } from '../../live/use-live-feed';
import { useOrg } from '../../org/org-context';
import { MatchRows } from './match-rows';
import { ScheduleFilters } from './schedule-filters';
import { RANGES, type Range, rangeQuery } from './schedule-range';

/** The org's matches by time: today, this week, upcoming or all, by tournament and state. Updates live. */
export function SchedulePage() {
  const { org, role } = useOrg();
  const [params, setParams] = useSearchParams();
  const range = (RANGES.find((r) => r.value === params.get('range'))?.value ?? 'upcoming') as Range;
  const tournament = params.get('tournament') ?? '';
  const status = params.get('status') ?? '';
  const query = useMemo(
    () => ({
      limit: 100,
      ...rangeQuery(range),
      tournamentId: tournament || undefined,
      status: status || undefined,
    }),
    [range, tournament, status],
  );
  const matches = usePagedApi<Match>(`/orgs/${org.slug}/matches`, query);
  const tournaments = useApi<{ items: Tournament[] }>(`/orgs/${org.slug}/tournaments`, {
    limit: 100,
    archived: 'true',
  });
  const byId = useMemo(
    () => new Map((tournaments.data?.items ?? []).map((t) => [t.id, t])),
    [tournaments.data],
  );
  // Several events often arrive together (a room opening changes the match too): reload once.
  const pending = useRef<number>(undefined);
  useLiveFeed(org.slug, () => {
    window.clearTimeout(pending.current);
    pending.current = window.setTimeout(() => void matches.reload(), 150);
  }, ['core.match.']);
  const change = (key: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const moderator = roleAtLeast(role, 'moderator');
  const newMatch = `/orgs/${org.slug}/matches/new${tournament ? `?tournament=${tournament}` : ''}`;
  return (
    <>
      <PageHeader
        title="Schedule"
        description={`Times in your time zone (${viewerTimeZone().replaceAll('_', ' ')}); hover a time for UTC.`}
        actions={
          moderator ? (
            <Link className="btn btn-primary" to={newMatch}>
              New match
            </Link>
          ) : null
        }
      />
      <Section title="Matches">
        <ScheduleFilters
          range={range}
          tournament={tournament}
          status={status}
          tournaments={tournaments.data?.items ?? []}
          onChange={change}
        />
        {matches.error ? <ErrorNotice error={matches.error} retry={() => void matches.reload()} /> : null}
        {matches.items === undefined ? (
          matches.error ? null : (
            <Loading label="Loading matches…" />
          )
        ) : matches.items.length === 0 ? (
          <EmptyState
            title={tournaments.data?.items.length === 0 ? 'No tournaments yet' : 'No matches here'}
            action={
              tournaments.data?.items.length === 0 ? (
                <Link className="btn" to={`/orgs/${org.slug}/tournaments`}>
                  Create a tournament
                </Link>
              ) : moderator ? (
                <Link className="btn" to={newMatch}>
                  Schedule a match
                </Link>
              ) : null
            }
          >
            {tournaments.data?.items.length === 0
              ? 'Matches belong to a tournament: create one first.'
              : 'Try another window or filter, or schedule a match.'}
          </EmptyState>
        ) : (
          <MatchRows matches={matches.items} tournaments={byId} />
        )}
        {matches.hasMore ? (
          <Button onClick={() => void matches.more()} busy={matches.loadingMore} busyLabel="Loading…">
            Show more
          </Button>
        ) : null}
      </Section>
    </>
  );
}
