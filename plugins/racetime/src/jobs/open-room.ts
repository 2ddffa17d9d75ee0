import { defineJob } from '@racedesk/core';
import { roomOpener } from '../services/room-opener.js';
import type { RacetimeContext } from '../services/runtime.js';

/** Opens one match's room at its exact open time (key `match:<id>`; retries reschedule it with backoff). */
export const openRoom = defineJob<{ orgId: number; matchId: number }, RacetimeContext>({
  name: 'open-room',
  description: 'Opens a match race room at its open time',
  concurrency: 20,
  handler: async (run, ctx) => {
    await roomOpener(ctx).openAutomatically(run.data.matchId);
  },
});
