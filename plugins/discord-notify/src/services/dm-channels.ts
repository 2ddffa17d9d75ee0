import { Routes } from 'discord.js';
import type { DiscordBot } from '../clients/discord-bot.js';
import type { DiscordNotifyContext } from './runtime.js';

/** DM channels per Discord user, opened once and remembered. */
export function dmChannels(ctx: DiscordNotifyContext) {
  return {
    async open(bot: DiscordBot, discordUserId: string): Promise<string> {
      const cached = await ctx
        .db('discord_notify_dm_channels')
        .where({ discord_user_id: discordUserId })
        .first();
      if (cached) return cached.channel_id as string;
      const channel = (await bot.rest.post(Routes.userChannels(), {
        body: { recipient_id: discordUserId },
      })) as { id: string };
      await ctx
        .db('discord_notify_dm_channels')
        .insert({ discord_user_id: discordUserId, channel_id: channel.id })
        .onConflict('discord_user_id')
        .merge();
      return channel.id;
    },
    /** Forgets a DM channel Discord no longer knows. */
    async forget(discordUserId: string): Promise<void> {
      await ctx.db('discord_notify_dm_channels').where({ discord_user_id: discordUserId }).del();
    },
  };
}
