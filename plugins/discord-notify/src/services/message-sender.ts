import { createHash } from 'node:crypto';
import { type DeliveryOutcome, delivered, failDelivery, retryDelivery } from '@racedesk/core';
import { Routes } from 'discord.js';
import type { DiscordBot } from '../clients/discord-bot.js';
import { classifyDiscordError } from '../clients/discord-errors.js';
import type { MessageBody } from '../clients/embed.js';
import type { DiscordNotifyContext } from './runtime.js';

/** Discord's nonce is at most 25 characters: a digest of the delivery's idempotency key. */
export const nonceOf = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 25);

/** What a failed call means for the delivery. */
export function outcomeOf(error: unknown): DeliveryOutcome {
  const failure = classifyDiscordError(error);
  if (failure.kind === 'permanent') return failDelivery(failure.reason);
  if (failure.kind === 'rate-limited') return retryDelivery(failure.reason, failure.retryAfterMs);
  return retryDelivery(failure.reason);
}

/**
 * Posts one message for one delivery, at most once: a key already sent is skipped, the message
 * carries a nonce with `enforce_nonce` (Discord answers the first message to a repeated nonce),
 * and a retry first looks for the nonce among the channel's recent messages, in case the previous
 * try reached Discord but its answer was lost.
 */
export function messageSender(ctx: DiscordNotifyContext) {
  async function alreadySent(key: string): Promise<boolean> {
    return Boolean(await ctx.db('discord_notify_sent').where({ idempotency_key: key }).first());
  }
  async function remember(key: string, channelId: string, messageId: string): Promise<void> {
    await ctx
      .db('discord_notify_sent')
      .insert({
        idempotency_key: key,
        channel_id: channelId,
        message_id: messageId,
        sent_at: ctx.clock.now(),
      })
      .onConflict('idempotency_key')
      .ignore();
  }
  async function findByNonce(bot: DiscordBot, channelId: string, nonce: string): Promise<string | null> {
    try {
      const recent = (await bot.rest.get(Routes.channelMessages(channelId), {
        query: new URLSearchParams({ limit: '50' }),
      })) as Array<{ id: string; nonce?: string | number; author?: { id: string } }>;
      return recent.find((m) => String(m.nonce ?? '') === nonce && m.author?.id === bot.userId)?.id ?? null;
    } catch {
      return null;
    }
  }

  return {
    async send(
      bot: DiscordBot,
      key: string,
      channelId: string,
      body: MessageBody,
      attempt: number,
    ): Promise<DeliveryOutcome> {
      if (await alreadySent(key)) return delivered();
      const nonce = nonceOf(key);
      if (attempt > 1) {
        const found = await findByNonce(bot, channelId, nonce);
        if (found) {
          await remember(key, channelId, found);
          return delivered();
        }
      }
      try {
        const message = (await bot.rest.post(Routes.channelMessages(channelId), {
          body: { ...body, nonce, enforce_nonce: true, allowed_mentions: { parse: [] } },
        })) as { id: string };
        await remember(key, channelId, message.id);
        return delivered();
      } catch (error) {
        return outcomeOf(error);
      }
    },
  };
}
