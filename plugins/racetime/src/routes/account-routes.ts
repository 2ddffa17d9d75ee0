import { ErrorResponse, forbidden, type RacedeskApp } from '@racedesk/core';
import { Type } from 'typebox';
import { AccountLink, CallbackQuery } from '../schemas/account-link.js';
import { accountLinkService } from '../services/account-links.js';
import type { RacetimeContext } from '../services/runtime.js';

const tags = ['racetime'];
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
        querystring: CallbackQuery,
        response: { 200: AccountLink, ...errors },
      },
    },
    async (request) => links.finish(userOf(request), request.query),
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
