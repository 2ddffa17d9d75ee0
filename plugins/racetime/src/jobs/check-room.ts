import { defineJob } from '@racedesk/core';
import { roomChecker } from '../services/room-checker.js';
import type { RacetimeContext } from '../services/runtime.js';

/** 24 h and 2 h before a room's open time: checks what can be checked early and warns organizers. */
export const checkRoom = defineJob<{ orgId: number; matchId: number; hoursBefore: number }, RacetimeContext>({
  name: 'check-room',
  description: 'Checks a match room early (bot, linked players) and warns organizers',
  concurrency: 10,
  handler: async (run, ctx) => {
    await roomChecker(ctx).checkEarly(run.data.matchId, run.data.hoursBefore);
  },
});
