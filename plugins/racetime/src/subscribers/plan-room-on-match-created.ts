import { defineSubscriber, MatchCreated } from '@racedesk/core';
import type { RacetimeConfigValue } from '../schemas/plugin-config.js';
import { roomSchedule } from '../services/room-schedule.js';

/** A new match gets its room job (and early checks) at the open time. */
export const planRoomOnMatchCreated = defineSubscriber<typeof MatchCreated, RacetimeConfigValue>({
  id: 'plan-room-on-match-created',
  event: MatchCreated,
  durable: true,
  handler: async (event, ctx) => {
    await roomSchedule(ctx).planMatch(event.payload.match.id);
  },
});
