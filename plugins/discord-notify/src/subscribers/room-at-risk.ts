import { defineSubscriber } from '@racedesk/core';
import { RoomAtRisk } from '../events/other-plugins.js';
import { enqueueChannelPost } from '../services/channel-posts.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** racetime found a room that will not open unless fixed: an organizer alert (racetime may be absent). */
export const roomAtRisk = defineSubscriber<typeof RoomAtRisk, DiscordNotifyContext['config']>({
  id: 'room-at-risk',
  event: RoomAtRisk,
  optional: true,
  durable: true,
  handler: async (event, ctx) => {
    await enqueueChannelPost(ctx, event, 'organizer_alerts', event.payload.tournamentId ?? null);
  },
});
