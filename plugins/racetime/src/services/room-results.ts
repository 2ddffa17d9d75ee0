import { formatDuration, systemActor } from '@racedesk/core';
import type { Knex } from 'knex';
import type { RacetimeRace } from '../clients/race-data.js';
import { RoomCancelled } from '../events.js';
import { accountLinks } from './account-links.js';
import { durationToMillis } from './race-diff.js';
import type { RoomRow } from './room-repository.js';
import type { RacetimeContext } from './runtime.js';

const actor = systemActor('racetime');

/** The room status a race status means. */
export function roomStatusOf(raceStatus: string): string {
  if (raceStatus === 'open' || raceStatus === 'invitational') return 'open';
  if (raceStatus === 'pending' || raceStatus === 'in_progress') return 'in_progress';
  if (raceStatus === 'finished') return 'finished';
  return 'cancelled';
}

type PlayerResult = {
  userId: number;
  finishRank: number | null;
  finishTime: string | null;
  status: 'done' | 'dnf' | 'dq';
};

/** Each match player's result from the race: place and time when done, dnf/dq, dnf when absent. */
async function resultsOf(
  trx: Knex.Transaction,
  playerIds: number[],
  race: RacetimeRace,
): Promise<PlayerResult[]> {
  const links = await accountLinks.forUsers(trx, playerIds);
  return playerIds.map((userId) => {
    const id = links.get(userId)?.racetimeId;
    const entrant = id ? race.entrants.find((e) => e.user?.id === id) : undefined;
    if (entrant?.status === 'done') {
      const ms = entrant.finishTime ? durationToMillis(entrant.finishTime) : null;
      return {
        userId,
        finishRank: entrant.place,
        finishTime: ms === null ? null : formatDuration(ms),
        status: 'done',
      };
    }
    return { userId, finishRank: null, finishTime: null, status: entrant?.status === 'dq' ? 'dq' : 'dnf' };
  });
}

const same = (
  a: PlayerResult[],
  b: Array<{ userId: number; finishRank: number | null; finishTime: string | null; status: string | null }>,
) =>
  a.every((r) => {
    const p = b.find((x) => x.userId === r.userId);
    return (
      p &&
      p.finishRank === r.finishRank &&
      p.status === r.status &&
      (p.finishTime === null ? null : durationToMillis(p.finishTime)) ===
        (r.finishTime === null ? null : durationToMillis(r.finishTime))
    );
  });

/** Race statuses that move a match (started, results, back to scheduled); open rooms change nothing. */
export const movesMatch = (status: string): boolean =>
  status === 'in_progress' || status === 'finished' || status === 'cancelled';

/**
 * Moves the match along with its race, inside the update's transaction: started when the race runs,
 * results recorded once when it finishes (a later different finish, after an entrant undid, is recorded
 * as an audited correction), and back to scheduled with the room unlinked when the race is cancelled.
 */
export async function applyRaceToMatch(
  ctx: RacetimeContext,
  trx: Knex.Transaction,
  room: RoomRow,
  race: RacetimeRace,
): Promise<Record<string, unknown>> {
  const matches = ctx.domain.matches;
  const match = await matches.get(room.match_id, trx);
  const now = ctx.clock.now();
  if (match.state === 'cancelled') return {};
  const playerIds = [...match.players].sort((a, b) => a.seat - b.seat).map((p) => p.userId);
  if (race.status === 'pending' || race.status === 'in_progress') {
    if (race.status === 'in_progress' && (match.state === 'scheduled' || match.state === 'checked_in'))
      await matches.setState(room.match_id, 'started', actor, {
        trx,
        at: race.startedAt ? new Date(race.startedAt) : now,
      });
    return {};
  }
  if (race.status === 'finished') {
    const results = await resultsOf(trx, playerIds, race);
    if (!room.results_recorded_at && !match.recordedAt) {
      await matches.recordResults(room.match_id, { results }, actor, trx);
      return { results_recorded_at: now };
    }
    if (!same(results, match.players))
      await matches.recordResults(
        room.match_id,
        {
          results,
          correction: {
            reason: `racetime.gg results of ${race.name} changed after an entrant undid a finish`,
          },
        },
        actor,
        trx,
      );
    return { results_recorded_at: room.results_recorded_at ?? now };
  }
  if (race.status === 'cancelled') {
    if (match.state !== 'recorded' && match.state !== 'scheduled')
      await matches.setState(room.match_id, 'scheduled', actor, { trx });
    await ctx.events.emit(
      RoomCancelled,
      {
        category: race.category,
        roomSlug: race.name,
        roomName: race.slug,
        matchId: room.match_id,
        tournamentId: room.tournament_id,
      },
      { actor, orgId: room.org_id },
      trx,
    );
    return { slug: null, lease_holder: null, lease_expires_at: null };
  }
  return {};
}
