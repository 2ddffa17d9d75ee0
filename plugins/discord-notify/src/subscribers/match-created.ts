import { defineSubscriber, MatchCreated } from '@racedesk/core';
import { followMatch } from '../services/match-follow-up.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** A match was created: post it and create its scheduled event. */
export const matchCreated = defineSubscriber<typeof MatchCreated, DiscordNotifyContext['config']>({
  id: 'match-created',
  event: MatchCreated,
  durable: true,
  handler: (event, ctx) => followMatch(ctx, event, event.payload.match, 'match_scheduled'),
});
