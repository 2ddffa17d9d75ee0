import { defineSubscriber, MatchCancelled } from '@racedesk/core';
import { followMatch } from '../services/match-follow-up.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** A match was cancelled: post it and cancel its scheduled event. */
export const matchCancelled = defineSubscriber<typeof MatchCancelled, DiscordNotifyContext['config']>({
  id: 'match-cancelled',
  event: MatchCancelled,
  durable: true,
  handler: (event, ctx) => followMatch(ctx, event, event.payload.match, 'match_cancelled'),
});
