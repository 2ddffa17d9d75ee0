import type { Knex } from 'knex';
import type { Static } from 'typebox';
import type { Database } from '../db/connect.js';
import { formatDuration } from './iso-time.js';
import type { MatchSnapshot } from './match-events.js';
import type { MatchView } from './match-schemas.js';
import { stateOf } from './match-state.js';

type Executor = Database | Knex.Transaction;

/** Columns of `matches` (with the source joined in). */
export interface MatchRow {
  id: number;
  org_id: number;
  tournament_id: number;
  title: string | null;
  round: string | null;
  stream_channel_id: number | null;
  scheduled_at: Date;
  checked_in_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  recorded_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  sequence: number;
  source: string | null;
  external_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface PlayerRow {
  match_id: number;
  user_id: number;
  seat: number;
  finish_rank: number | null;
  finish_time_ms: number | null;
  status: 'done' | 'dnf' | 'dq' | null;
  display_name: string | null;
  discord_username: string | null;
}

/** The select every match read uses: match columns plus its import source. */
export const matchSelect = (executor: Executor) =>
  executor('matches as m')
    .leftJoin('match_sources as s', 's.match_id', 'm.id')
    .select('m.*', 's.source', 's.external_id');

/** Players of some matches, by match id, in seat order. */
export async function playersOf(
  executor: Executor,
  matchIds: number[],
): Promise<Map<number, MatchView['players']>> {
  const byMatch = new Map<number, MatchView['players']>(matchIds.map((id) => [id, []]));
  if (!matchIds.length) return byMatch;
  const rows = (await executor('match_players as p')
    .join('users as u', 'u.id', 'p.user_id')
    // One array parameter instead of one per id: less to bind and send for a page of 100.
    .whereRaw('p.match_id = any(?)', [matchIds])
    .orderBy(['p.match_id', 'p.seat'])
    .select('p.*', 'u.display_name', 'u.discord_username')) as PlayerRow[];
  for (const r of rows) {
    byMatch.get(r.match_id)?.push({
      userId: r.user_id,
      displayName: r.display_name ?? r.discord_username ?? `user ${r.user_id}`,
      seat: r.seat,
      finishRank: r.finish_rank,
      finishTime: r.finish_time_ms === null ? null : formatDuration(r.finish_time_ms),
      status: r.status,
    });
  }
  return byMatch;
}

/** A match row and its players as the API shows them. */
export function toMatchView(r: MatchRow, players: MatchView['players']): MatchView {
  return {
    id: r.id,
    tournamentId: r.tournament_id,
    title: r.title,
    round: r.round,
    streamChannelId: r.stream_channel_id,
    scheduledAt: r.scheduled_at,
    state: stateOf(r),
    checkedInAt: r.checked_in_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    recordedAt: r.recorded_at,
    cancelledAt: r.cancelled_at,
    cancelReason: r.cancel_reason,
    players,
    source: r.source && r.external_id ? { source: r.source, externalId: r.external_id } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Loads matches with their players, keeping the order of `rows`. */
export async function withPlayers(executor: Executor, rows: MatchRow[]): Promise<MatchView[]> {
  const players = await playersOf(
    executor,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toMatchView(r, players.get(r.id) ?? []));
}

/** What match events carry. */
export function snapshotOf(match: MatchView): Static<typeof MatchSnapshot> {
  return {
    id: match.id,
    tournamentId: match.tournamentId,
    title: match.title,
    scheduledAt: new Date(match.scheduledAt).toISOString(),
    state: match.state,
    playerIds: match.players.map((p) => p.userId),
    streamChannelId: match.streamChannelId,
  };
}
