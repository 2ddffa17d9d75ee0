import { defineSubscriber } from '@racedesk/core';
import { RoomCreated } from '../events/other-plugins.js';
import { enqueueChannelPost } from '../services/channel-posts.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** racetime opened a match's room: post the link in the `room_opened` channel (racetime may be absent). */
export const roomOpened = defineSubscriber<typeof RoomCreated, DiscordNotifyContext['config']>({
  id: 'room-opened',
  event: RoomCreated,
  optional: true,
  durable: true,
  handler: async (event, ctx) => {
    // A room opened outside a match has no match to announce.
    if (event.payload.matchId === null) return;
    await enqueueChannelPost(ctx, event, 'room_opened', event.payload.tournamentId ?? null);
  },
});
