import { defineSubscriber } from '@racedesk/core';
import { RoomSkipped } from '../events/other-plugins.js';
import { enqueueChannelPost } from '../services/channel-posts.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** racetime did not open a room: an organizer alert with the reason (racetime may be absent). */
export const roomSkipped = defineSubscriber<typeof RoomSkipped, DiscordNotifyContext['config']>({
  id: 'room-skipped',
  event: RoomSkipped,
  optional: true,
  durable: true,
  handler: async (event, ctx) => {
    await enqueueChannelPost(ctx, event, 'organizer_alerts', event.payload.tournamentId ?? null);
  },
});
