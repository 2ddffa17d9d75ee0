import { createHash } from 'node:crypto';
import { Routes } from 'discord.js';
import type { DiscordBot } from '../clients/discord-bot.js';
import { classifyDiscordError, type DiscordFailure } from '../clients/discord-errors.js';
import type { MessageBody } from '../clients/embed.js';
import type { DiscordNotifyContext } from './runtime.js';

/** Discord's nonce is at most 25 characters: a digest of the delivery's idempotency key. */
export const nonceOf = (key: string): string => createHash('sha256').update(key).digest('hex').slice(0, 25);

/** A send either went through or failed; `maybeSent` when Discord may have created it anyway. */
export type SendResult = { ok: true } | { ok: false; failure: DiscordFailure; maybeSent: boolean };

/**
 * Posts one message for one delivery, at most once: a key already sent is skipped, the message
 * carries a nonce with `enforce_nonce` (Discord answers the first message to a repeated nonce),
 * and after a try whose answer was lost the channel's recent messages are searched for the nonce
 * before sending again.
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
    const recent = (await bot.rest.get(Routes.channelMessages(channelId), {
      query: new URLSearchParams({ limit: '50' }),
    })) as Array<{ id: string; nonce?: string | number; author?: { id: string } }>;
    return recent.find((m) => String(m.nonce ?? '') === nonce && m.author?.id === bot.userId)?.id ?? null;
  }

  return {
    async send(
      bot: DiscordBot,
      key: string,
      channelId: string,
      body: MessageBody,
      options: { maybeSentBefore: boolean },
    ): Promise<SendResult> {
      if (await alreadySent(key)) return { ok: true };
      const nonce = nonceOf(key);
      try {
        const found = options.maybeSentBefore ? await findByNonce(bot, channelId, nonce) : null;
        if (found) {
          await remember(key, channelId, found);
          return { ok: true };
        }
      } catch (error) {
        return { ok: false, failure: classifyDiscordError(error), maybeSent: true };
      }
      try {
        const message = (await bot.rest.post(Routes.channelMessages(channelId), {
          body: { ...body, nonce, enforce_nonce: true, allowed_mentions: { parse: [] } },
        })) as { id: string };
        await remember(key, channelId, message.id);
        return { ok: true };
      } catch (error) {
        const failure = classifyDiscordError(error);
        // A 5xx or a lost connection says nothing about whether Discord created the message.
        return { ok: false, failure, maybeSent: failure.kind === 'retryable' };
      }
    },
  };
}
