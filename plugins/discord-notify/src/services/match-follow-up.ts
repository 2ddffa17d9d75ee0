import type { DispatchedEvent, EventDefinition } from '@racedesk/core';
import { syncScheduledEvent } from '../jobs/sync-scheduled-event.js';
import type { PostKind } from '../schemas/channels.js';
import { enqueueChannelPost } from './channel-posts.js';
import type { DiscordNotifyContext } from './runtime.js';

/** What every match subscriber does: post in the org's channel for `kind`, and sync the scheduled event. */
export async function followMatch(
  ctx: DiscordNotifyContext,
  event: DispatchedEvent<EventDefinition>,
  match: { id: number; tournamentId: number },
  kind: PostKind | null,
): Promise<void> {
  if (event.orgId === null) return;
  if (kind) await enqueueChannelPost(ctx, event, kind, match.tournamentId);
  await ctx.scheduler.schedule(
    syncScheduledEvent,
    ctx.clock.now(),
    { orgId: event.orgId, matchId: match.id },
    `match-${match.id}`,
  );
}
