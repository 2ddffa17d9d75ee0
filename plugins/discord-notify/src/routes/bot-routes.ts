import { ErrorResponse, type RacedeskApp } from '@racedesk/core';
import { Bot, BotBody } from '../schemas/bot.js';
import { botService } from '../services/bot-service.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

const tags = ['discord-notify'];
const superadmin = { auth: 'superadmin' } as const;

/** The instance bot under `/api/v1/discord-notify/bot` (superadmins only). */
export function botRoutes(app: RacedeskApp, ctx: DiscordNotifyContext): void {
  const bots = botService(ctx);

  app.get(
    '/bot',
    {
      config: superadmin,
      schema: {
        tags,
        summary: 'The instance bot and its status (connected, invalid token, disconnected)',
        response: { 200: Bot },
      },
    },
    async () => bots.view(),
  );

  app.put(
    '/bot',
    {
      config: superadmin,
      schema: {
        tags,
        summary: 'Set the bot token (stored encrypted) and application id; reconnects and returns the status',
        body: BotBody,
        response: { 200: Bot, 400: ErrorResponse },
      },
    },
    async (request) => bots.configure(request.body, request.racedesk.actor),
  );

  app.post(
    '/bot/restart',
    {
      config: superadmin,
      schema: { tags, summary: 'Reconnect the bot now and return its status', response: { 200: Bot } },
    },
    async () => {
      await bots.restart();
      return bots.view();
    },
  );

  app.delete(
    '/bot',
    {
      config: superadmin,
      schema: { tags, summary: 'Forget the stored token and stop the bot', response: { 200: Bot } },
    },
    async (request) => bots.remove(request.racedesk.actor),
  );
}
