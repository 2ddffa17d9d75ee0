import type { RacedeskApp } from '@racedesk/core';
import type { DiscordNotifyContext } from '../services/runtime.js';
import { channelRoutes } from './channel-routes.js';
import { guildRoutes } from './guild-routes.js';
import { tournamentRoutes } from './tournament-routes.js';

/** Everything under `/api/v1/orgs/:org/discord-notify`. */
export async function orgRoutes(app: RacedeskApp, ctx: DiscordNotifyContext): Promise<void> {
  guildRoutes(app, ctx);
  channelRoutes(app, ctx);
  tournamentRoutes(app, ctx);
}
