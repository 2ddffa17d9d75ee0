import { defineJob } from '@racedesk/core';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** Runs the core delivery worker now, after this plugin queued channel posts itself. */
export const wakeDeliveries = defineJob<Record<string, never>, DiscordNotifyContext>({
  name: 'wake-deliveries',
  handler: async (_run, ctx) => {
    await ctx.domain.notifications.deliverDue();
  },
});
