import type { Knex } from 'knex';

/** What room opening needs to know about a match. */
export interface MatchFacts {
  id: number;
  orgId: number;
  tournamentId: number;
  tournamentName: string;
  title: string | null;
  scheduledAt: Date;
  cancelled: boolean;
  startedOrDone: boolean;
  playerIds: number[];
}

// Read-only view of core tables until the core hands plugins its matches service (see the report).
export async function readMatch(
  db: Knex | Knex.Transaction,
  matchId: number,
): Promise<MatchFacts | undefined> {
  const row = await db('matches as m')
    .join('tournaments as t', 't.id', 'm.tournament_id')
    .where('m.id', matchId)
    .first('m.*', 't.name as tournament_name');
  if (!row) return undefined;
  const players = await db('match_players').where({ match_id: matchId }).orderBy('seat').pluck('user_id');
  return {
    id: Number(row.id),
    orgId: Number(row.org_id),
    tournamentId: Number(row.tournament_id),
    tournamentName: row.tournament_name,
    title: row.title,
    scheduledAt: row.scheduled_at,
    cancelled: row.cancelled_at !== null,
    startedOrDone: row.started_at !== null || row.finished_at !== null,
    playerIds: players.map(Number),
  };
}
