import { type Actor, conflict, notFound, RacedeskError } from '@racedesk/core';
import { PermissionFlagsBits } from 'discord.js';
import { classifyDiscordError } from '../clients/discord-errors.js';
import { fetchGuild, guildPermissions, INSTALL_PERMISSIONS } from '../clients/guild-permissions.js';
import type { GuildLinkView } from '../schemas/guild.js';
import { botService } from './bot-service.js';
import { botUnavailable, discordRefused } from './errors.js';
import { type DiscordNotifyContext, runtimeOf } from './runtime.js';
import { stateSigner } from './state-signer.js';

interface LinkRow {
  guild_id: string;
  org_id: number;
  guild_name: string;
  linked_by: number | null;
  linked_at: Date;
}

const view = (r: LinkRow): GuildLinkView => ({
  guildId: r.guild_id,
  guildName: r.guild_name,
  linkedBy: r.linked_by === null ? null : Number(r.linked_by),
  linkedAt: new Date(r.linked_at).toISOString(),
});

/** The redirect URI Discord sends the installer back to. */
export const callbackUrl = (publicUrl: string) => `${publicUrl}/api/v1/discord-notify/guilds/callback`;

/** Linking Discord guilds to organizations: install URL with a signed state, verified callback, unlink. */
export function guildLinks(ctx: DiscordNotifyContext) {
  const runtime = runtimeOf(ctx);
  const bots = botService(ctx);
  const signer = stateSigner(ctx);

  return {
    async list(orgId: number): Promise<GuildLinkView[]> {
      const rows = await ctx.db('discord_notify_guild_links').where({ org_id: orgId }).orderBy('linked_at');
      return rows.map(view);
    },

    /** The org's linked guild, or 404. */
    async get(orgId: number, guildId: string): Promise<GuildLinkView> {
      const row = await ctx
        .db('discord_notify_guild_links')
        .where({ org_id: orgId, guild_id: guildId })
        .first();
      if (!row)
        throw notFound('RD_DISCORD_GUILD_NOT_LINKED', 'This Discord guild is not linked to the organization');
      return view(row);
    },

    async installUrl(orgId: number, userId: number): Promise<{ url: string; expiresAt: string }> {
      const bot = await bots.view();
      if (!bot.configured || !bot.applicationId)
        throw new RacedeskError('RD_DISCORD_NO_BOT', 'No Discord bot is configured on this instance', 409);
      const { state, expiresAt } = await signer.sign(orgId, userId);
      const url = new URL(`${runtime.settings.discordUrl}/oauth2/authorize`);
      url.searchParams.set('client_id', bot.applicationId);
      url.searchParams.set('scope', 'bot');
      url.searchParams.set('permissions', INSTALL_PERMISSIONS.toString());
      url.searchParams.set('response_type', 'code');
      url.searchParams.set('redirect_uri', callbackUrl(runtime.settings.publicUrl));
      url.searchParams.set('state', state);
      return { url: url.toString(), expiresAt: expiresAt.toISOString() };
    },

    /**
     * The install came back: the state must be ours and issued to this caller, the bot must now be in
     * the guild, and the caller must administer it (owner, Administrator or Manage Server).
     */
    async complete(
      input: { state: string; guildId: string },
      userId: number,
      actor: Actor,
    ): Promise<GuildLinkView & { orgId: number }> {
      const state = await signer.verify(input.state, userId);
      const user = await ctx.users.byId(userId);
      if (!user?.discordId)
        throw new RacedeskError('RD_DISCORD_NOT_LINKED', 'Sign in with Discord to link a guild', 403);
      const bot = await bots.current();
      let guild: Awaited<ReturnType<typeof fetchGuild>>;
      let bits: bigint;
      try {
        guild = await fetchGuild(bot.rest, input.guildId);
        bits = await guildPermissions(bot.rest, guild, user.discordId);
      } catch (error) {
        const failure = classifyDiscordError(error);
        if (failure.kind === 'permanent')
          throw discordRefused(`the bot cannot see guild ${input.guildId}: ${failure.reason}`);
        throw botUnavailable(failure.reason);
      }
      if (!(bits & (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild))) {
        throw new RacedeskError(
          'RD_DISCORD_NOT_GUILD_ADMIN',
          'You do not administer this Discord guild',
          403,
        );
      }
      return ctx.db.transaction(async (trx) => {
        const existing = await trx('discord_notify_guild_links')
          .where({ guild_id: guild.id })
          .forUpdate()
          .first();
        if (existing && Number(existing.org_id) !== state.orgId)
          throw conflict('RD_DISCORD_GUILD_TAKEN', 'This Discord guild is linked to another organization');
        const row = {
          guild_id: guild.id,
          org_id: state.orgId,
          guild_name: guild.name,
          linked_by: userId,
          linked_at: ctx.clock.now(),
        };
        if (!existing) await trx('discord_notify_guild_links').insert(row);
        else
          await trx('discord_notify_guild_links')
            .where({ guild_id: guild.id })
            .update({ guild_name: guild.name });
        await ctx.audit.record(
          {
            actor,
            orgId: state.orgId,
            action: 'discord-notify.guild.linked',
            target: { type: 'discord_guild', id: guild.id },
            details: { name: guild.name },
          },
          trx,
        );
        return { ...view(existing ? { ...existing, guild_name: guild.name } : row), orgId: state.orgId };
      });
    },

    async unlink(orgId: number, guildId: string, actor: Actor): Promise<void> {
      await ctx.db.transaction(async (trx) => {
        const removed = await trx('discord_notify_guild_links')
          .where({ org_id: orgId, guild_id: guildId })
          .del();
        if (!removed)
          throw notFound(
            'RD_DISCORD_GUILD_NOT_LINKED',
            'This Discord guild is not linked to the organization',
          );
        await ctx.audit.record(
          {
            actor,
            orgId,
            action: 'discord-notify.guild.unlinked',
            target: { type: 'discord_guild', id: guildId },
          },
          trx,
        );
      });
    },
  };
}
