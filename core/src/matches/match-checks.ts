import type { Knex } from 'knex';
import { notFound, unprocessable } from '../errors.js';

/** The tournaments must be the org's and not archived (one query; the first failing one answers). */
export async function checkTournaments(
  trx: Knex.Transaction,
  orgId: number,
  tournamentIds: readonly number[],
): Promise<void> {
  const ids = [...new Set(tournamentIds)];
  if (!ids.length) return;
  const rows = await trx('tournaments')
    .where({ org_id: orgId })
    .whereIn('id', ids)
    .select('id', 'archived_at');
  const found = new Map(rows.map((r) => [Number(r.id), r.archived_at as Date | null]));
  for (const id of ids) {
    if (!found.has(id))
      throw unprocessable('RD_TOURNAMENT_NOT_FOUND', `No tournament ${id} in this organization`);
    if (found.get(id)) throw unprocessable('RD_TOURNAMENT_ARCHIVED', `Tournament ${id} is archived`);
  }
}

/** The stream channel, when given, must be the org's. */
export async function checkStreamChannel(
  trx: Knex.Transaction,
  orgId: number,
  id: number | null | undefined,
) {
  await checkStreamChannels(trx, orgId, [id]);
}

/** {@link checkStreamChannel} for several channels in one query. */
export async function checkStreamChannels(
  trx: Knex.Transaction,
  orgId: number,
  channelIds: readonly (number | null | undefined)[],
): Promise<void> {
  const ids = [...new Set(channelIds.filter((id): id is number => id != null))];
  if (!ids.length) return;
  const rows = await trx('stream_channels').where({ org_id: orgId }).whereIn('id', ids).select('id');
  const found = new Set(rows.map((r) => Number(r.id)));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined)
    throw unprocessable('RD_STREAM_CHANNEL_NOT_FOUND', `No stream channel ${missing} in this organization`);
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
