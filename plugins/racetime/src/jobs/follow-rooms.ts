import { defineJob } from '@racedesk/core';
import { type RacetimeContext, runtimeOf } from '../services/runtime.js';

/**
 * Asked for by an `api` instance that opened a room (it holds no sockets): a worker takes the rooms
 * nobody holds now instead of at its next lease round.
 */
export const followRooms = defineJob<Record<string, never>, RacetimeContext>({
  name: 'follow-rooms',
  description: 'Takes and follows the open rooms no instance holds',
  handler: async (_run, ctx) => {
    await runtimeOf(ctx).leases.tick();
  },
});
