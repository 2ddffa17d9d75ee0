import { ErrorResponse, type RacedeskApp } from '@racedesk/core';
import { Type } from 'typebox';
import { Bot, BotCheck, BotOrgParams, BotParams, BotPatchBody, NewBotBody } from '../schemas/bot.js';
import { botService } from '../services/bot-service.js';
import type { RacetimeContext } from '../services/runtime.js';

const tags = ['racetime'];
const superadmin = { auth: 'superadmin' } as const;
const errors = { 404: ErrorResponse, 409: ErrorResponse };

/** Instance-wide bot management under `/api/v1/racetime/bots` (superadmins only). */
export function botRoutes(app: RacedeskApp, ctx: RacetimeContext): void {
  const bots = botService(ctx);

  app.post(
    '/bots',
    {
      config: superadmin,
      schema: {
        tags,
        summary: 'Register a category bot (one per category); the client secret is stored encrypted',
        body: NewBotBody,
        response: { 201: Type.Object({ ...Bot.properties, check: BotCheck }), ...errors },
      },
    },
    async (request, reply) => {
      const { bot, check } = await bots.create(request.body, request.racedesk.actor);
      return reply.status(201).send({ ...bot, check });
    },
  );

  app.get(
    '/bots',
    {
      config: superadmin,
      schema: { tags, summary: 'Every bot with its live status', response: { 200: Type.Array(Bot) } },
    },
    async () => bots.list(),
  );

  app.get(
    '/bots/:id',
    {
      config: superadmin,
      schema: { tags, summary: 'One bot', params: BotParams, response: { 200: Bot, ...errors } },
    },
    async (request) => bots.get(request.params.id),
  );

  app.patch(
    '/bots/:id',
    {
      config: superadmin,
      schema: {
        tags,
        summary: 'Change a bot (name, credentials, active); new credentials restart it',
        params: BotParams,
        body: BotPatchBody,
        response: { 200: Bot, ...errors },
      },
    },
    async (request) => bots.update(request.params.id, request.body, request.racedesk.actor),
  );

  app.put(
    '/bots/:id/orgs/:org',
    {
      config: superadmin,
      schema: {
        tags,
        summary: 'Let an organization use the bot',
        params: BotOrgParams,
        response: { 200: Bot, ...errors },
      },
    },
    async (request) => bots.assign(request.params.id, request.params.org, request.racedesk.actor),
  );

  app.delete(
    '/bots/:id/orgs/:org',
    {
      config: superadmin,
      schema: {
        tags,
        summary: 'Take the bot away from an organization',
        params: BotOrgParams,
        response: { 200: Bot, ...errors },
      },
    },
    async (request) => bots.unassign(request.params.id, request.params.org, request.racedesk.actor),
  );

  app.post(
    '/bots/:id/test',
    {
      config: superadmin,
      schema: {
        tags,
        summary: 'Fetch a token and the category now; records and returns the status',
        params: BotParams,
        response: { 200: BotCheck, ...errors },
      },
    },
    async (request) => bots.test(request.params.id),
  );

  app.post(
    '/bots/:id/restart',
    {
      config: superadmin,
      schema: {
        tags,
        summary: 'Drop the bot’s token and reconnect its room sockets with a new one',
        params: BotParams,
        response: { 200: BotCheck, ...errors },
      },
    },
    async (request) => bots.restart(request.params.id, request.racedesk.actor),
  );
}
