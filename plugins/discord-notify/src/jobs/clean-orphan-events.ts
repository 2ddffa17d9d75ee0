import { defineJob } from '@racedesk/core';
import type { DiscordNotifyContext } from '../services/runtime.js';
import { scheduledEvents } from '../services/scheduled-events.js';

/** Hourly: removes scheduled events of finished, cancelled or filtered-out matches, and strays the bot made. */
export const cleanOrphanEvents = defineJob<Record<string, never>, DiscordNotifyContext>({
  name: 'clean-orphan-events',
  every: '1 hour',
  handler: async (_run, ctx) => {
    const events = scheduledEvents(ctx);
    for (const orgId of await ctx.enablement.enabledOrgs()) {
      try {
        const removed = await events.cleanOrphans(orgId);
        if (removed) ctx.logger.info({ orgId, removed }, 'orphaned Discord scheduled events removed');
      } catch (err) {
        ctx.logger.warn({ err, orgId }, 'could not clean Discord scheduled events');
      }
    }
  },
});
