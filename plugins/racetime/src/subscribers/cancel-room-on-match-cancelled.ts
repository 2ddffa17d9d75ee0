import { defineSubscriber, MatchCancelled } from '@racedesk/core';
import type { RacetimeConfigValue } from '../schemas/plugin-config.js';
import { roomSchedule } from '../services/room-schedule.js';

/** A cancelled match opens no room: its jobs are cancelled (the sweep and the job re-check it too). */
export const cancelRoomOnMatchCancelled = defineSubscriber<typeof MatchCancelled, RacetimeConfigValue>({
  id: 'cancel-room-on-match-cancelled',
  event: MatchCancelled,
  durable: true,
  handler: async (event, ctx) => {
    await roomSchedule(ctx).cancel(event.payload.match.id);
  },
});
