import type { ParsedEpisode } from '../clients/parsed-episode.js';
import type { RejectedEpisode } from '../clients/speedgaming-client.js';
import { isSpeedGamingError } from '../clients/speedgaming-errors.js';
import { episodeStore } from './episode-store.js';
import type { ImportSettings } from './settings-repository.js';
import { clientOf, SG_ACTOR, type SgContext } from './sg-context.js';

/** Episodes that left the window: cancelled ones, and ones SpeedGaming still has (moved away). */
export interface VanishedOutcome {
  cancelled: number;
  /** Still on SpeedGaming: import them like the schedule's episodes. */
  stillThere: ParsedEpisode[];
  rejections: RejectedEpisode[];
}

/**
 * Re-checks each imported episode of the window that the (successful) schedule answer did not list.
 * Only SpeedGaming's own "not found" cancels the match; an outage proves nothing and is retried next run.
 */
export async function checkVanished(
  ctx: SgContext,
  s: ImportSettings,
  window: { from: Date; to: Date },
  listed: Set<number>,
): Promise<VanishedOutcome> {
  const out: VanishedOutcome = { cancelled: 0, stillThere: [], rejections: [] };
  const rows = await episodeStore.inWindow(ctx.db, s.tournamentId, s.eventSlugs, window.from, window.to);
  for (const row of rows) {
    if (listed.has(row.episodeId)) continue;
    try {
      out.stillThere.push(await clientOf(ctx).episode(row.episodeId));
    } catch (error) {
      if (isSpeedGamingError(error, 'episode_gone')) {
        await ctx.db.transaction(async (trx) => {
          await ctx.domain.matches.cancel(row.matchId, 'Deleted on SpeedGaming', SG_ACTOR, trx);
          await episodeStore.markGone(trx, row.id, ctx.clock.now());
        });
        out.cancelled++;
      } else if (isSpeedGamingError(error)) {
        out.rejections.push({
          episodeId: row.episodeId,
          reason: `left the schedule; could not confirm its deletion: ${error.message}`,
        });
      } else throw error;
    }
  }
  return out;
}
