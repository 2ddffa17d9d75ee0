import { badRequest, ErrorResponse, type RacedeskApp } from '@racedesk/core';
import { CallbackQuery, LinkedGuild } from '../schemas/guild.js';
import { guildLinks } from '../services/guild-links.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

const tags = ['discord-notify'];

/** `GET /api/v1/discord-notify/guilds/callback`: where Discord sends an org admin after installing the bot. */
export function guildCallbackRoutes(app: RacedeskApp, ctx: DiscordNotifyContext): void {
  const links = guildLinks(ctx);
  app.get(
    '/guilds/callback',
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary:
          'Bot-install callback: verifies the signed state and that the caller administers the guild, then links it',
        querystring: CallbackQuery,
        response: {
          200: LinkedGuild,
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { state, guild_id: guildId, error, error_description: description } = request.query;
      if (error)
        throw badRequest(
          'RD_DISCORD_INSTALL_DENIED',
          `Discord did not install the bot: ${description ?? error}`,
        );
      if (!guildId)
        throw badRequest('RD_DISCORD_INSTALL_NO_GUILD', 'Discord did not say which guild the bot joined');
      const userId = request.racedesk.userId;
      if (userId === null) throw badRequest('RD_DISCORD_INSTALL_NO_USER', 'Sign in first');
      return links.complete({ state, guildId }, userId, request.racedesk.actor);
    },
  );
}
