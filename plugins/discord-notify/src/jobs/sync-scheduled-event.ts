import { defineJob } from '@racedesk/core';
import type { DiscordNotifyContext } from '../services/runtime.js';
import { scheduledEvents } from '../services/scheduled-events.js';

/** Brings one match's Discord scheduled event in line with the match (retried on Discord errors). */
export const syncScheduledEvent = defineJob<{ orgId: number; matchId: number }, DiscordNotifyContext>({
  name: 'sync-scheduled-event',
  retry: { attempts: 5, delayMs: 30_000 },
  handler: async (run, ctx) => {
    const result = await scheduledEvents(ctx).reconcile(run.data.orgId, run.data.matchId);
    if (result !== 'unchanged')
      ctx.logger.info({ matchId: run.data.matchId, result }, 'Discord scheduled event synced');
  },
});
