import type { PluginContext } from '@racedesk/core';
import type { Knex } from 'knex';

/** What room opening and tracking need to know about a match. */
export interface MatchFacts {
  id: number;
  orgId: number;
  tournamentId: number;
  tournamentName: string;
  title: string | null;
  scheduledAt: Date;
  state: string;
  cancelled: boolean;
  startedOrDone: boolean;
  /** In seat order. */
  playerIds: number[];
}

/** Reads a match through the core's matches service; `undefined` when it does not exist. */
export async function readMatch(
  ctx: Pick<PluginContext, 'domain'>,
  matchId: number,
  trx?: Knex.Transaction,
): Promise<MatchFacts | undefined> {
  const { matches, tournaments } = ctx.domain;
  let orgId: number;
  try {
    orgId = Number(await matches.orgOf(matchId));
  } catch {
    return undefined;
  }
  const match = await matches.get(matchId, trx);
  const tournament = await tournaments.get(orgId, match.tournamentId, trx);
  return {
    id: match.id,
    orgId,
    tournamentId: match.tournamentId,
    tournamentName: tournament.name,
    title: match.title,
    scheduledAt: new Date(match.scheduledAt),
    state: match.state,
    cancelled: match.state === 'cancelled',
    startedOrDone: ['started', 'finished', 'recorded'].includes(match.state),
    playerIds: [...match.players].sort((a, b) => a.seat - b.seat).map((p) => p.userId),
  };
}
