import { type Delivery, type DeliveryOutcome, delivered, type NotificationChannel } from '@racedesk/core';
import { classifyDiscordError } from '../clients/discord-errors.js';
import { botService } from './bot-service.js';
import { deliveryTries } from './delivery-tries.js';
import { dmChannels } from './dm-channels.js';
import { messageSender, type SendResult } from './message-sender.js';
import { type DiscordNotifyContext, runtimeOf } from './runtime.js';
import { templateLookups } from './template-lookups.js';

/**
 * The core's own attempt limit is set out of reach: rate-limit waits are not failures, and
 * `deliveryTries` gives up after MAX_FAILURES real failures or a day of waiting.
 */
const CORE_MAX_ATTEMPTS = 100_000;

/** The Discord notification channels this plugin registers in the core: DMs and channel posts. */
export function discordChannels(ctx: DiscordNotifyContext): NotificationChannel[] {
  const bots = botService(ctx);
  const sender = messageSender(ctx);
  const dms = dmChannels(ctx);
  const tries = deliveryTries(ctx);
  const lookups = templateLookups(ctx);
  const { templates } = runtimeOf(ctx);

  const noBot = (delivery: Delivery) =>
    tries.outcome(delivery, { kind: 'unavailable', reason: 'no Discord bot is configured' });

  async function send(delivery: Delivery, channelId: string): Promise<SendResult | null> {
    const bot = await bots.current().catch(() => null);
    if (!bot) return null;
    const body = await templates.render(delivery.message, lookups);
    const maybeSentBefore = delivery.attempt > 1 && (await tries.maybeSent(delivery.idempotencyKey));
    return sender.send(bot, delivery.idempotencyKey, channelId, body, { maybeSentBefore });
  }

  async function settle(delivery: Delivery, result: SendResult): Promise<DeliveryOutcome> {
    if (result.ok) return delivered();
    return tries.outcome(delivery, result.failure, { maybeSent: result.maybeSent });
  }

  const dm: NotificationChannel = {
    id: 'discord-dm',
    description: 'Discord direct message from the instance bot',
    audience: 'user',
    maxAttempts: CORE_MAX_ATTEMPTS,
    async deliver(delivery) {
      const user = delivery.userId === null ? undefined : await ctx.users.byId(delivery.userId);
      if (!user) return tries.outcome(delivery, permanent('unknown recipient'));
      if (user.isPlaceholder || !user.discordId)
        return tries.outcome(delivery, permanent('recipient has no Discord account (placeholder user)'));
      const bot = await bots.current().catch(() => null);
      if (!bot) return noBot(delivery);
      let channelId: string;
      try {
        channelId = await dms.open(bot, user.discordId);
      } catch (error) {
        return tries.outcome(delivery, classifyDiscordError(error));
      }
      const result = await send(delivery, channelId);
      if (!result) return noBot(delivery);
      if (!result.ok && result.failure.kind === 'permanent' && result.failure.code === 10003) {
        // The remembered DM channel is gone: open a new one on the next try.
        await dms.forget(user.discordId);
        return tries.outcome(delivery, { kind: 'retryable', reason: result.failure.reason });
      }
      return settle(delivery, result);
    },
  };

  const post: NotificationChannel = {
    id: 'discord-channel',
    description: 'Post in a Discord channel chosen by the organization',
    // Not chosen per user: this plugin enqueues one delivery per (event, channel) itself.
    audience: 'endpoint',
    maxAttempts: CORE_MAX_ATTEMPTS,
    async deliver(delivery) {
      const target = await ctx
        .db('discord_notify_posts')
        .where({ idempotency_key: delivery.idempotencyKey })
        .first();
      if (!target) return tries.outcome(delivery, permanent('no target channel was recorded for this post'));
      const result = await send(delivery, target.channel_id);
      return result ? settle(delivery, result) : noBot(delivery);
    },
  };
  return [dm, post];
}

const permanent = (reason: string) => ({ kind: 'permanent' as const, code: null, reason });
