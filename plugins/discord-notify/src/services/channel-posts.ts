import { type DispatchedEvent, deliveryMessageOf, type EventDefinition } from '@racedesk/core';
import { wakeDeliveries } from '../jobs/wake-deliveries.js';
import type { PostKind } from '../schemas/channels.js';
import { channelChoices } from './channel-choices.js';
import type { DiscordNotifyContext } from './runtime.js';

/**
 * Queues a channel post for an event in the core delivery table (one delivery per event and
 * channel, same idempotency rules as DMs) and wakes the delivery worker.
 */
export async function enqueueChannelPost(
  ctx: DiscordNotifyContext,
  event: DispatchedEvent<EventDefinition>,
  kind: PostKind,
  tournamentId: number | null,
): Promise<boolean> {
  if (event.orgId === null) return false;
  const channelId = await channelChoices(ctx).target(event.orgId, tournamentId, kind);
  if (!channelId) return false;
  const now = ctx.clock.now();
  const key = `${event.id}:discord-${kind}-${channelId}:discord-channel`;
  const message = deliveryMessageOf(event);
  const inserted = await ctx.db.transaction(async (trx) => {
    await trx('discord_notify_posts')
      .insert({ idempotency_key: key, kind, channel_id: channelId })
      .onConflict('idempotency_key')
      .ignore();
    const ids: Array<{ id: number }> = await trx('notification_deliveries')
      .insert({
        idempotency_key: key,
        event_id: event.id,
        event_type: event.name,
        org_id: event.orgId,
        channel: 'discord-channel',
        message: JSON.stringify(message),
        next_attempt_at: now,
        created_at: now,
        updated_at: now,
      })
      .onConflict('idempotency_key')
      .ignore()
      .returning('id');
    return ids;
  });
  if (inserted.length) await ctx.scheduler.now(wakeDeliveries, {});
  return inserted.length > 0;
}
