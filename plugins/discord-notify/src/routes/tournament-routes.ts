import { ErrorResponse, type RacedeskApp } from '@racedesk/core';
import {
  TournamentParams,
  TournamentSettings,
  TournamentSettingsBody,
} from '../schemas/tournament-settings.js';
import type { DiscordNotifyContext } from '../services/runtime.js';
import { tournamentSettings } from '../services/tournament-settings.js';

const tags = ['discord-notify'];

/** `GET/PUT /api/v1/orgs/:org/discord-notify/tournaments/:id/settings`: scheduled events per tournament. */
export function tournamentRoutes(app: RacedeskApp, ctx: DiscordNotifyContext): void {
  const settings = tournamentSettings(ctx);
  const orgOf = (request: { racedesk: { org?: { id: number } } }) => request.racedesk.org!.id;

  app.get(
    '/tournaments/:id/settings',
    {
      schema: {
        tags,
        summary: "A tournament's Discord settings (scheduled events)",
        params: TournamentParams,
        response: { 200: TournamentSettings, 404: ErrorResponse },
      },
    },
    async (request) => settings.get(orgOf(request), request.params.id),
  );

  app.put(
    '/tournaments/:id/settings',
    {
      config: { permission: 'manage-discord' },
      schema: {
        tags,
        summary:
          'Scheduled events for all matches, only streamed matches, or none; in which guild and for how long',
        params: TournamentParams,
        body: TournamentSettingsBody,
        response: { 200: TournamentSettings, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => settings.put(orgOf(request), request.params.id, request.body, request.racedesk.actor),
  );
}
