import { ErrorResponse, forbidden, type RacedeskApp, RacedeskError } from '@racedesk/core';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AccountLink, CallbackQuery } from '../schemas/account-link.js';
import { accountLinkService } from '../services/account-links.js';
import type { RacetimeContext } from '../services/runtime.js';

const tags = ['racetime'];

// A browser coming back from racetime.gg asks for a page; scripts and API clients get the JSON answer.
const wantsPage = (request: FastifyRequest) => (request.headers.accept ?? '').includes('text/html');

/** The admin panel's profile page, with the outcome of the link for it to show. */
const profilePage = (outcome: Record<string, string>) => `/admin/profile?${new URLSearchParams(outcome)}`;
const errors = {
  400: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  422: ErrorResponse,
};

/** The caller's own racetime link under `/api/v1/me/racetime` (signed-in users). */
export function accountRoutes(app: RacedeskApp, ctx: RacetimeContext): void {
  const links = accountLinkService(ctx);
  // A token that belongs to no person (an org's script token) has no racetime account to link.
  const userOf = (request: { racedesk: { userId: number | null } }) => {
    if (request.racedesk.userId == null)
      throw forbidden('RD_RACETIME_LINK_NEEDS_USER', 'Only a person can link a racetime.gg account');
    return request.racedesk.userId;
  };

  app.get(
    '/link',
    {
      schema: {
        tags,
        summary: 'Start linking a racetime.gg account: redirects to racetime.gg for consent',
        response: { 302: Type.Null(), ...errors },
      },
    },
    async (request, reply) => reply.redirect(await links.start(userOf(request)), 302),
  );

  app.get(
    '/callback',
    {
      schema: {
        tags,
        summary: 'OAuth2 callback from racetime.gg: checks state, stores the link',
        description:
          'A browser (Accept: text/html) is redirected to the admin panel’s profile page with `racetime=linked` or `racetime=failed&code=<code>&message=<why>`; other clients get JSON.',
        querystring: CallbackQuery,
        response: {
          200: AccountLink,
          302: Type.Null({ description: 'To the admin panel’s profile page, for browsers' }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      try {
        const linked = await links.finish(userOf(request), request.query);
        return wantsPage(request) ? reply.redirect(profilePage({ racetime: 'linked' }), 302) : linked;
      } catch (failure) {
        // Unexpected errors keep the error handler's 500 (and its log).
        if (!(failure instanceof RacedeskError) || !wantsPage(request)) throw failure;
        return reply.redirect(
          profilePage({ racetime: 'failed', code: failure.code, message: failure.message }),
          302,
        );
      }
    },
  );

  app.get(
    '',
    { schema: { tags, summary: 'The caller’s racetime link', response: { 200: AccountLink, ...errors } } },
    async (request) => links.get(userOf(request)),
  );

  app.delete(
    '',
    {
      schema: {
        tags,
        summary: 'Remove the caller’s racetime link',
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await links.remove(userOf(request));
      return reply.status(204).send(null);
    },
  );
}
