import { type Actor, badRequest, notFound } from '@racedesk/core';
import { Routes } from 'discord.js';
import { classifyDiscordError } from '../clients/discord-errors.js';
import { type ApiChannel, channelPermissions, missingPostPermissions } from '../clients/guild-permissions.js';
import type { ChannelChoiceView, PostKind } from '../schemas/channels.js';
import { botService } from './bot-service.js';
import { discordRefused } from './errors.js';
import type { DiscordNotifyContext } from './runtime.js';

interface ChoiceRow {
  id: number;
  org_id: number;
  tournament_id: number | null;
  kind: PostKind;
  guild_id: string;
  channel_id: string;
}

/** Per-org and per-tournament channel choices, with a live check that the bot can post there. */
export function channelChoices(ctx: DiscordNotifyContext) {
  const bots = botService(ctx);

  async function check(row: ChoiceRow): Promise<ChannelChoiceView> {
    const base = {
      id: Number(row.id),
      kind: row.kind,
      tournamentId: row.tournament_id === null ? null : Number(row.tournament_id),
      guildId: row.guild_id,
      channelId: row.channel_id,
    };
    try {
      const bot = await bots.current();
      const channel = (await bot.rest.get(Routes.channel(row.channel_id))) as ApiChannel;
      const missing = missingPostPermissions(await channelPermissions(bot.rest, channel, bot.userId ?? ''));
      return {
        ...base,
        channelName: channel.name ?? null,
        canPost: missing.length === 0,
        missingPermissions: missing,
        problem: null,
      };
    } catch (error) {
      const failure = classifyDiscordError(error);
      const problem =
        error instanceof Error && 'code' in error && error.code === 'RD_DISCORD_NO_BOT'
          ? error.message
          : failure.reason;
      const hidden = failure.kind === 'permanent' && (failure.code === 50001 || failure.code === 10003);
      return {
        ...base,
        channelName: null,
        canPost: false,
        missingPermissions: hidden ? ['ViewChannel'] : [],
        problem,
      };
    }
  }

  return {
    async list(orgId: number, tournamentId?: number): Promise<ChannelChoiceView[]> {
      const q = ctx.db('discord_notify_channels').where({ org_id: orgId }).orderBy(['tournament_id', 'kind']);
      if (tournamentId) q.where((w) => w.whereNull('tournament_id').orWhere({ tournament_id: tournamentId }));
      const rows = (await q) as ChoiceRow[];
      return Promise.all(rows.map(check));
    },

    /** Chooses the channel for a kind of post; the channel must be in a guild linked to the org. */
    async choose(
      orgId: number,
      input: { kind: PostKind; tournamentId?: number | null; channelId: string },
      actor: Actor,
    ): Promise<ChannelChoiceView> {
      if (input.tournamentId) await ctx.domain.tournaments.get(orgId, input.tournamentId);
      const bot = await bots.current();
      let channel: ApiChannel;
      try {
        channel = (await bot.rest.get(Routes.channel(input.channelId))) as ApiChannel;
      } catch (error) {
        throw discordRefused(`channel ${input.channelId}: ${classifyDiscordError(error).reason}`);
      }
      const link = channel.guild_id
        ? await ctx
            .db('discord_notify_guild_links')
            .where({ org_id: orgId, guild_id: channel.guild_id })
            .first()
        : undefined;
      if (!link)
        throw badRequest(
          'RD_DISCORD_CHANNEL_NOT_LINKED',
          'The channel is not in a Discord guild linked to this organization',
        );
      const tournamentId = input.tournamentId ?? null;
      const row = await ctx.db.transaction(async (trx) => {
        const existing = await trx('discord_notify_channels')
          .where({ org_id: orgId, kind: input.kind })
          .whereRaw('coalesce(tournament_id, 0) = ?', [tournamentId ?? 0])
          .first();
        const fields = { guild_id: link.guild_id, channel_id: channel.id, updated_at: ctx.clock.now() };
        const [saved] = existing
          ? await trx('discord_notify_channels').where({ id: existing.id }).update(fields).returning('*')
          : await trx('discord_notify_channels')
              .insert({ org_id: orgId, tournament_id: tournamentId, kind: input.kind, ...fields })
              .returning('*');
        await ctx.audit.record(
          {
            actor,
            orgId,
            action: 'discord-notify.channel.chosen',
            target: { type: 'discord_channel', id: channel.id },
            details: { kind: input.kind, tournamentId },
          },
          trx,
        );
        return saved as ChoiceRow;
      });
      return check(row);
    },

    async remove(orgId: number, id: number, actor: Actor): Promise<void> {
      const removed = await ctx.db('discord_notify_channels').where({ org_id: orgId, id }).del();
      if (!removed) throw notFound('RD_DISCORD_CHANNEL_CHOICE_NOT_FOUND', 'No such channel choice');
      await ctx.audit.record({
        actor,
        orgId,
        action: 'discord-notify.channel.removed',
        target: { type: 'discord_channel_choice', id },
      });
    },

    /** Where a post of `kind` goes: the tournament's choice, else the org default, else nowhere. */
    async target(orgId: number, tournamentId: number | null, kind: PostKind): Promise<string | null> {
      const rows = (await ctx
        .db('discord_notify_channels')
        .where({ org_id: orgId, kind })
        .where((w) => {
          w.whereNull('tournament_id');
          if (tournamentId !== null) w.orWhere({ tournament_id: tournamentId });
        })) as ChoiceRow[];
      const pick = rows.find((r) => r.tournament_id !== null) ?? rows[0];
      return pick?.channel_id ?? null;
    },
  };
}
