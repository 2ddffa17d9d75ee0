import { ErrorResponse, type RacedeskApp } from '@racedesk/core';
import { Type } from 'typebox';
import { GuildLink, GuildParams, InstallUrl } from '../schemas/guild.js';
import { guildLinks } from '../services/guild-links.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

const tags = ['discord-notify'];
const manage = { permission: 'manage-discord' } as const;

/** Guild links under `/api/v1/orgs/:org/discord-notify/guilds`. */
export function guildRoutes(app: RacedeskApp, ctx: DiscordNotifyContext): void {
  const links = guildLinks(ctx);
  const orgOf = (request: { racedesk: { org?: { id: number } } }) => request.racedesk.org!.id;

  app.get(
    '/guilds',
    {
      schema: {
        tags,
        summary: "The organization's linked Discord guilds",
        response: { 200: Type.Array(GuildLink) },
      },
    },
    async (request) => links.list(orgOf(request)),
  );

  app.post(
    '/guilds/install-url',
    {
      config: manage,
      schema: {
        tags,
        summary: 'A bot-install URL with a signed state; the callback links the guild the caller picks',
        response: { 201: InstallUrl, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const userId = request.racedesk.userId;
      if (userId === null) throw new Error('unreachable: org writes need a user');
      return reply.status(201).send(await links.installUrl(orgOf(request), userId));
    },
  );

  app.delete(
    '/guilds/:guildId',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Unlink a guild (its channel choices go with it)',
        params: GuildParams,
        response: { 204: Type.Null(), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      await links.unlink(orgOf(request), request.params.guildId, request.racedesk.actor);
      return reply.status(204).send(null);
    },
  );
}
