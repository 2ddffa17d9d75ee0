import type { Knex } from 'knex';
import { notFound, unprocessable } from '../errors.js';

/** The tournament must be the org's and not archived. */
export async function checkTournament(
  trx: Knex.Transaction,
  orgId: number,
  tournamentId: number,
): Promise<void> {
  const t = await trx('tournaments').where({ id: tournamentId, org_id: orgId }).first('archived_at');
  if (!t)
    throw unprocessable('RD_TOURNAMENT_NOT_FOUND', `No tournament ${tournamentId} in this organization`);
  if (t.archived_at) throw unprocessable('RD_TOURNAMENT_ARCHIVED', `Tournament ${tournamentId} is archived`);
}

/** The stream channel, when given, must be the org's. */
export async function checkStreamChannel(
  trx: Knex.Transaction,
  orgId: number,
  id: number | null | undefined,
) {
  if (id == null) return;
  const found = await trx('stream_channels').where({ id, org_id: orgId }).first('id');
  if (!found)
    throw unprocessable('RD_STREAM_CHANNEL_NOT_FOUND', `No stream channel ${id} in this organization`);
}

/** Every player must be a user that exists and was not merged away. */
export async function checkPlayers(trx: Knex.Transaction, userIds: readonly number[]): Promise<void> {
  if (!userIds.length) return;
  const rows = await trx('users').whereIn('id', userIds).whereNull('merged_into_id').select('id');
  const known = new Set(rows.map((r) => r.id as number));
  const missing = userIds.filter((id) => !known.has(id));
  if (missing.length)
    throw unprocessable('RD_PLAYER_NOT_FOUND', `No user ${missing.join(', ')}`, { missing });
}

/** The match row of an org, locked for the rest of the transaction (changes to one match are serialized). */
export async function lockMatch(trx: Knex.Transaction, id: number, orgId?: number) {
  const q = trx('matches').where({ id }).forUpdate().first('id', 'org_id');
  if (orgId !== undefined) q.where({ org_id: orgId });
  const row = (await q) as { id: number; org_id: number } | undefined;
  if (!row) throw notFound('RD_MATCH_NOT_FOUND', `No match ${id}`);
  return row;
}
