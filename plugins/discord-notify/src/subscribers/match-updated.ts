import { defineSubscriber, MatchUpdated } from '@racedesk/core';
import { followMatch } from '../services/match-follow-up.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** Title or stream channel changed: the scheduled event follows (streamed-only filter). */
export const matchUpdated = defineSubscriber<typeof MatchUpdated, DiscordNotifyContext['config']>({
  id: 'match-updated',
  event: MatchUpdated,
  durable: true,
  handler: (event, ctx) => followMatch(ctx, event, event.payload.match, null),
});
