import { defineSubscriber, MatchFinished } from '@racedesk/core';
import { followMatch } from '../services/match-follow-up.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** Results were recorded: post them and drop the scheduled event. */
export const matchFinished = defineSubscriber<typeof MatchFinished, DiscordNotifyContext['config']>({
  id: 'match-finished',
  event: MatchFinished,
  durable: true,
  handler: (event, ctx) => followMatch(ctx, event, event.payload.match, 'results'),
});
