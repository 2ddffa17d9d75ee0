import { badRequest, ErrorResponse, type RacedeskApp, RacedeskError } from '@racedesk/core';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { CallbackQuery, LinkedGuild } from '../schemas/guild.js';
import { guildLinks } from '../services/guild-links.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

const tags = ['discord-notify'];

// A browser coming back from Discord asks for a page; scripts and API clients get the JSON answer.
const wantsPage = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

/**
 * The org a state names, read without checking its signature: it only picks the page the browser
 * lands on (which checks access itself); the link is made only with a verified state.
 */
function claimedOrgId(state: string): number | null {
  try {
    const body = JSON.parse(Buffer.from(state.split('.')[0] ?? '', 'base64url').toString()) as {
      o?: unknown;
    };
    return Number.isSafeInteger(body.o) ? (body.o as number) : null;
  } catch {
    return null;
  }
}

/** `GET /api/v1/discord-notify/guilds/callback`: where Discord sends an org admin after installing the bot. */
export function guildCallbackRoutes(app: RacedeskApp, ctx: DiscordNotifyContext): void {
  const links = guildLinks(ctx);
  /** The admin panel's Discord page of the org, with the outcome for it to show. */
  const panelPage = async (orgId: number | null, outcome: Record<string, string>) => {
    const org = orgId === null ? undefined : await ctx.db('organizations').where({ id: orgId }).first('slug');
    if (!org) return null;
    return `/admin/orgs/${encodeURIComponent(org.slug)}/p/discord-notify/discord?${new URLSearchParams(outcome)}`;
  };

  app.get(
    '/guilds/callback',
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary:
          'Bot-install callback: verifies the signed state and that the caller administers the guild, then links it',
        description:
          'A browser (Accept: text/html) is redirected to the admin panel’s Discord page of the org, with `install=linked&guild=<name>` or `install=failed&code=<code>&message=<why>`; other clients get JSON.',
        querystring: CallbackQuery,
        response: {
          200: LinkedGuild,
          302: Type.Null({ description: 'To the admin panel, for browsers' }),
          400: ErrorResponse,
          403: ErrorResponse,
          409: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { state, guild_id: guildId, error, error_description: description } = request.query;
      try {
        if (error)
          throw badRequest(
            'RD_DISCORD_INSTALL_DENIED',
            `Discord did not install the bot: ${description ?? error}`,
          );
        if (!guildId)
          throw badRequest('RD_DISCORD_INSTALL_NO_GUILD', 'Discord did not say which guild the bot joined');
        const userId = request.racedesk.userId;
        if (userId === null) throw badRequest('RD_DISCORD_INSTALL_NO_USER', 'Sign in first');
        const linked = await links.complete({ state, guildId }, userId, request.racedesk.actor);
        const page = wantsPage(request)
          ? await panelPage(linked.orgId, { install: 'linked', guild: linked.guildName })
          : null;
        return page ? reply.redirect(page, 302) : linked;
      } catch (failure) {
        // Unexpected errors keep the error handler's 500 (and its log); a state naming no org has no page.
        if (!(failure instanceof RacedeskError) || !wantsPage(request)) throw failure;
        const page = await panelPage(claimedOrgId(state), {
          install: 'failed',
          code: failure.code,
          message: failure.message,
        });
        if (!page) throw failure;
        return reply.redirect(page, 302);
      }
    },
  );
}
