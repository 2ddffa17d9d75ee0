import { defineJob } from '@racedesk/core';
import { roomOpener } from '../services/room-opener.js';
import { STALE_CLAIM_MS } from '../services/room-repository.js';
import { type RacetimeContext, runtimeOf } from '../services/runtime.js';

/**
 * Safety net, every minute: opens rooms that are due but were missed (lost job, crash, stale claim,
 * failed attempt whose retry is due), and renews this instance's room leases.
 */
export const sweepRooms = defineJob<Record<string, never>, RacetimeContext>({
  name: 'sweep-rooms',
  every: '1 minute',
  description: 'Opens due rooms whose one-off job did not, and renews room leases',
  handler: async (_run, ctx) => {
    const now = ctx.clock.now();
    // Read-only look at core matches: which ones are due (their tournaments open rooms automatically).
    const due = await ctx
      .db('matches as m')
      .join('racetime_tournament_settings as s', 's.tournament_id', 'm.tournament_id')
      .leftJoin('racetime_match_rooms as r', 'r.match_id', 'm.id')
      .where('s.auto_create_rooms', true)
      .whereNull('m.cancelled_at')
      .whereNull('m.started_at')
      .where('m.scheduled_at', '>', now)
      .whereRaw('m.scheduled_at - make_interval(mins => s.open_minutes_before) <= ?', [now])
      .where((q) =>
        q
          .whereNull('r.id')
          .orWhere('r.status', 'pending')
          .orWhere((f) =>
            f
              .where('r.status', 'failed')
              .where((w) => w.whereNull('r.retry_at').orWhere('r.retry_at', '<=', now)),
          )
          .orWhere((o) =>
            o
              .where('r.status', 'opening')
              .where('r.claimed_at', '<', new Date(now.getTime() - STALE_CLAIM_MS)),
          ),
      )
      .pluck('m.id');
    const opener = roomOpener(ctx);
    for (const id of due) {
      if (!(await ctx.enablement.isEnabled(Number(await ctx.domain.matches.orgOf(Number(id)))))) continue;
      await opener.openAutomatically(Number(id));
    }
    await runtimeOf(ctx).leases.tick();
  },
});
