import { defineSubscriber, MatchRescheduled } from '@racedesk/core';
import type { RacetimeConfigValue } from '../schemas/plugin-config.js';
import { roomSchedule } from '../services/room-schedule.js';

/** A rescheduled match moves its room job (same key) and its early checks. */
export const moveRoomOnMatchRescheduled = defineSubscriber<typeof MatchRescheduled, RacetimeConfigValue>({
  id: 'move-room-on-match-rescheduled',
  event: MatchRescheduled,
  durable: true,
  handler: async (event, ctx) => {
    await roomSchedule(ctx).planMatch(event.payload.match.id);
  },
});
