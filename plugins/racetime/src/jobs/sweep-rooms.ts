import { defineJob } from '@racedesk/core';
import { roomOpener } from '../services/room-opener.js';
import type { RacetimeContext } from '../services/runtime.js';

/** Safety net: every minute, opens rooms that are due but were missed (lost job, crash, stale claim). */
export const sweepRooms = defineJob<Record<string, never>, RacetimeContext>({
  name: 'sweep-rooms',
  every: '1 minute',
  description: 'Opens due rooms whose one-off job did not',
  handler: async (_run, ctx) => {
    const now = ctx.clock.now();
    const due = await ctx
      .db('matches as m')
      .join('racetime_tournament_settings as s', 's.tournament_id', 'm.tournament_id')
      .leftJoin('racetime_match_rooms as r', 'r.match_id', 'm.id')
      .where('s.auto_create_rooms', true)
      .whereNull('m.cancelled_at')
      .whereNull('m.started_at')
      .where('m.scheduled_at', '>', now)
      .whereRaw('m.scheduled_at - make_interval(mins => s.open_minutes_before) <= ?', [now])
      .where((q) => q.whereNull('r.id').orWhereIn('r.status', ['pending', 'failed', 'opening']))
      .pluck('m.id');
    const opener = roomOpener(ctx);
    for (const id of due) await opener.openAutomatically(Number(id));
  },
});
