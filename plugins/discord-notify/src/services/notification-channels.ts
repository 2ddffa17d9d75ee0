import {
  type Delivery,
  type DeliveryOutcome,
  failDelivery,
  type NotificationChannel,
  retryDelivery,
} from '@racedesk/core';
import { classifyDiscordError } from '../clients/discord-errors.js';
import { botService } from './bot-service.js';
import { dmChannels } from './dm-channels.js';
import { messageSender, outcomeOf } from './message-sender.js';
import { type DiscordNotifyContext, runtimeOf } from './runtime.js';
import { templateLookups } from './template-lookups.js';

/** Tries before a Discord delivery is marked failed (429s count too, each after its retry_after). */
const MAX_ATTEMPTS = 8;

/** The Discord notification channels this plugin registers in the core: DMs and channel posts. */
export function discordChannels(ctx: DiscordNotifyContext): NotificationChannel[] {
  const bots = botService(ctx);
  const sender = messageSender(ctx);
  const dms = dmChannels(ctx);
  const lookups = templateLookups(ctx);
  const { templates } = runtimeOf(ctx);

  async function bot() {
    try {
      return await bots.current();
    } catch {
      return null;
    }
  }

  const dm: NotificationChannel = {
    id: 'discord-dm',
    description: 'Discord direct message from the instance bot',
    audience: 'user',
    maxAttempts: MAX_ATTEMPTS,
    async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
      const user = delivery.userId === null ? undefined : await ctx.users.byId(delivery.userId);
      if (!user) return failDelivery('unknown recipient');
      if (user.isPlaceholder || !user.discordId)
        return failDelivery('recipient has no Discord account (placeholder user)');
      const client = await bot();
      if (!client) return retryDelivery('no Discord bot is configured');
      const body = await templates.render(delivery.message, lookups);
      let channelId: string;
      try {
        channelId = await dms.open(client, user.discordId);
      } catch (error) {
        return outcomeOf(error);
      }
      const outcome = await sender.send(client, delivery.idempotencyKey, channelId, body, delivery.attempt);
      if (outcome.outcome === 'permanent' && /unknown channel/.test(outcome.reason)) {
        // The cached DM channel is gone: open a new one on the next try.
        await dms.forget(user.discordId);
        return retryDelivery(outcome.reason);
      }
      return outcome;
    },
  };

  const post: NotificationChannel = {
    id: 'discord-channel',
    description: 'Post in a Discord channel chosen by the organization',
    // Not chosen per user: this plugin enqueues one delivery per (event, channel) itself.
    audience: 'endpoint',
    maxAttempts: MAX_ATTEMPTS,
    async deliver(delivery: Delivery): Promise<DeliveryOutcome> {
      const target = await ctx
        .db('discord_notify_posts')
        .where({ idempotency_key: delivery.idempotencyKey })
        .first();
      if (!target) return failDelivery('no target channel was recorded for this post');
      const client = await bot();
      if (!client) return retryDelivery('no Discord bot is configured');
      const body = await templates.render(delivery.message, lookups);
      try {
        return await sender.send(client, delivery.idempotencyKey, target.channel_id, body, delivery.attempt);
      } catch (error) {
        const failure = classifyDiscordError(error);
        return retryDelivery(failure.reason);
      }
    },
  };
  return [dm, post];
}
