import type { PluginOrg, UserMerge } from '@racedesk/core';
import type { Knex } from 'knex';
import { episodeStore } from './episode-store.js';
import { applyOwnership } from './settings-service.js';
import type { SgContext } from './sg-context.js';

/** The org turned the plugin on: SpeedGaming owns again the matches of tournaments with import on. */
export async function claimOrg(org: PluginOrg, ctx: SgContext, trx: Knex.Transaction): Promise<void> {
  const ids = await trx('speedgaming_episode_matches as e')
    .join('speedgaming_tournament_settings as s', 's.tournament_id', 'e.tournament_id')
    .where({ 'e.org_id': org.id, 's.import_enabled': true })
    .whereNotNull('e.match_id')
    .whereNull('e.gone_at')
    .select('e.match_id');
  await applyOwnership(
    ctx,
    ids.map((r) => Number(r.match_id)),
    true,
    trx,
  );
}

/** The org turned the plugin off: its matches become editable by hand. */
export async function releaseOrg(org: PluginOrg, ctx: SgContext, trx: Knex.Transaction): Promise<void> {
  await applyOwnership(ctx, await episodeStore.matchIds(trx, { orgId: org.id }), false, trx);
}

/** A placeholder merged into a real user: our person map follows, and episodes with them are rewritten next run. */
export async function followMerge(merge: UserMerge, _ctx: SgContext, trx: Knex.Transaction): Promise<void> {
  await trx('speedgaming_people').where({ user_id: merge.fromUserId }).update({ user_id: merge.intoUserId });
  await episodeStore.touchUser(trx, merge.fromUserId);
}
