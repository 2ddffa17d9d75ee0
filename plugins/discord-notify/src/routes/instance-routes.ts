import type { RacedeskApp } from '@racedesk/core';
import type { DiscordNotifyContext } from '../services/runtime.js';
import { botRoutes } from './bot-routes.js';
import { guildCallbackRoutes } from './guild-callback-routes.js';

/** Everything under `/api/v1/discord-notify`. */
export async function instanceRoutes(app: RacedeskApp, ctx: DiscordNotifyContext): Promise<void> {
  botRoutes(app, ctx);
  guildCallbackRoutes(app, ctx);
}
