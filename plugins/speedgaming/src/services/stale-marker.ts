import type { SgContext } from './sg-context.js';

const STALE_AFTER_MS = 4 * 3_600_000;

/**
 * Marks imported matches 4 h past their time with no result as stale, for organizers to resolve
 * (SahaBot2 finished them silently; this does not touch the match). One statement.
 */
export async function markStale(ctx: SgContext, tournamentId: number): Promise<number> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS);
  return ctx
    .db('speedgaming_episode_matches as e')
    .whereIn('e.match_id', (q) =>
      q
        .from('matches as m')
        .where('m.tournament_id', tournamentId)
        .where('m.scheduled_at', '<', cutoff)
        .whereNull('m.recorded_at')
        .whereNull('m.finished_at')
        .whereNull('m.cancelled_at')
        .select('m.id'),
    )
    .whereNull('e.stale_since')
    .whereNull('e.gone_at')
    .update({ stale_since: now });
}

/** Stale matches of a tournament, oldest first. */
export async function staleMatches(ctx: SgContext, orgId: number, tournamentId: number) {
  const rows = await ctx
    .db('speedgaming_episode_matches as e')
    .join('matches as m', 'm.id', 'e.match_id')
    .where({ 'e.org_id': orgId, 'e.tournament_id': tournamentId })
    .whereNotNull('e.stale_since')
    .whereNull('m.recorded_at')
    .whereNull('m.finished_at')
    .whereNull('m.cancelled_at')
    .orderBy('m.scheduled_at')
    .select('e.match_id', 'e.episode_id', 'm.scheduled_at', 'e.stale_since');
  return rows.map((r) => ({
    matchId: Number(r.match_id),
    episodeId: Number(r.episode_id),
    scheduledAt: (r.scheduled_at as Date).toISOString(),
    staleSince: (r.stale_since as Date).toISOString(),
  }));
}
