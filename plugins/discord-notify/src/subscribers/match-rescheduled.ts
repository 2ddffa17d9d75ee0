import { defineSubscriber, MatchRescheduled } from '@racedesk/core';
import { followMatch } from '../services/match-follow-up.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** A match moved: post both times and move its scheduled event. */
export const matchRescheduled = defineSubscriber<typeof MatchRescheduled, DiscordNotifyContext['config']>({
  id: 'match-rescheduled',
  event: MatchRescheduled,
  durable: true,
  handler: (event, ctx) => followMatch(ctx, event, event.payload.match, 'match_rescheduled'),
});
