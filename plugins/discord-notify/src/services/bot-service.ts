import type { Actor } from '@racedesk/core';
import { type BotStatus, DiscordBot } from '../clients/discord-bot.js';
import type { BotView } from '../schemas/bot.js';
import { noBot } from './errors.js';
import { type DiscordNotifyContext, runtimeOf } from './runtime.js';

const TOKEN = { name: 'bot-token' };

interface BotRow {
  application_id: string;
  status: BotStatus;
  status_message: string | null;
  status_at: Date;
  bot_user_id: string | null;
}

/** The instance bot: its token (encrypted), application id, the running client and its status. */
export function botService(ctx: DiscordNotifyContext) {
  const runtime = runtimeOf(ctx);
  const row = (): Promise<BotRow | undefined> => ctx.db('discord_notify_bot').where({ id: 1 }).first();

  async function record(status: BotStatus, message: string | null, userId?: string | null): Promise<void> {
    const now = ctx.clock.now();
    const fields = {
      status,
      status_message: message,
      status_at: now,
      updated_at: now,
      ...(userId ? { bot_user_id: userId } : {}),
    };
    const updated = await ctx.db('discord_notify_bot').where({ id: 1 }).update(fields);
    if (!updated && runtime.settings.envToken) {
      await ctx
        .db('discord_notify_bot')
        .insert({ id: 1, application_id: runtime.settings.envApplicationId ?? '', ...fields })
        .onConflict('id')
        .merge();
    }
  }

  async function token(): Promise<{ value: string; source: 'env' | 'stored' } | null> {
    if (runtime.settings.envToken) return { value: runtime.settings.envToken, source: 'env' };
    const stored = await ctx.secrets.get(TOKEN);
    return stored ? { value: stored, source: 'stored' } : null;
  }

  async function start(): Promise<DiscordBot | null> {
    const found = await token();
    if (!found) return null;
    const bot = new DiscordBot({
      apiUrl: runtime.settings.apiUrl,
      token: found.value,
      timeoutMs: ctx.config.requestTimeoutMs,
      gateway: ctx.config.gateway,
      onStatus: (status, message) => {
        void record(status, message, bot.userId).catch((err) =>
          ctx.logger.warn({ err }, 'could not record the bot status'),
        );
      },
    });
    runtime.bot = bot;
    const status = await bot.start();
    await record(status, bot.message, bot.userId);
    return bot;
  }

  async function restart(): Promise<DiscordBot | null> {
    await runtime.starting?.catch(() => null);
    const old = runtime.bot;
    runtime.bot = null;
    await old?.stop();
    runtime.starting = start();
    try {
      return await runtime.starting;
    } finally {
      runtime.starting = null;
    }
  }

  async function view(): Promise<BotView> {
    const r = await row();
    const found = await token();
    return {
      configured: found !== null,
      tokenSource: found?.source ?? null,
      applicationId: r?.application_id || runtime.settings.envApplicationId || r?.bot_user_id || null,
      botUserId: runtime.bot?.userId ?? r?.bot_user_id ?? null,
      status: found ? (runtime.bot?.status ?? r?.status ?? 'disconnected') : 'unconfigured',
      statusMessage: found ? (runtime.bot?.message ?? r?.status_message ?? null) : null,
      statusAt: r?.status_at ? new Date(r.status_at).toISOString() : null,
    };
  }

  return {
    view,
    restart,
    /** The running bot, started on first use; throws 409 when none is configured. */
    async current(): Promise<DiscordBot> {
      if (runtime.starting) await runtime.starting.catch(() => null);
      if (runtime.bot) return runtime.bot;
      const bot = await restart();
      if (!bot) throw noBot();
      return bot;
    },
    /** Stores the token (encrypted) and application id, then reconnects and reports the status. */
    async configure(input: { token?: string; applicationId: string }, actor: Actor): Promise<BotView> {
      const now = ctx.clock.now();
      await ctx.db.transaction(async (trx) => {
        if (input.token) await ctx.secrets.put(TOKEN, input.token, trx);
        await trx('discord_notify_bot')
          .insert({
            id: 1,
            application_id: input.applicationId,
            status: 'connecting',
            status_message: null,
            status_at: now,
            updated_at: now,
          })
          .onConflict('id')
          .merge(['application_id', 'status', 'status_message', 'status_at', 'updated_at']);
        await ctx.audit.record(
          {
            actor,
            action: 'discord-notify.bot.configured',
            target: { type: 'discord_bot', id: 1 },
            details: { applicationId: input.applicationId, tokenChanged: Boolean(input.token) },
          },
          trx,
        );
      });
      await restart();
      return view();
    },
    /** Forgets the stored token and stops the bot. */
    async remove(actor: Actor): Promise<BotView> {
      await ctx.db.transaction(async (trx) => {
        await ctx.secrets.delete(TOKEN, trx);
        await trx('discord_notify_bot').where({ id: 1 }).del();
        await ctx.audit.record(
          { actor, action: 'discord-notify.bot.removed', target: { type: 'discord_bot', id: 1 } },
          trx,
        );
      });
      await restart();
      return view();
    },
  };
}

/** The bot service. */
export type BotService = ReturnType<typeof botService>;
