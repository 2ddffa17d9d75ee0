import { ErrorResponse, type RacedeskApp } from '@racedesk/core';
import {
  TournamentParams,
  TournamentSettings,
  TournamentSettingsBody,
} from '../schemas/tournament-settings.js';
import { settingsService } from '../services/settings-service.js';
import type { SgContext } from '../services/sg-context.js';

const tags = ['speedgaming'];

/** `GET/PUT /api/v1/orgs/:org/speedgaming/tournaments/:id/settings`. */
export function settingsRoutes(app: RacedeskApp, ctx: SgContext): void {
  const settings = settingsService(ctx);
  app.get(
    '/tournaments/:id/settings',
    {
      schema: {
        tags,
        summary: 'SpeedGaming import settings of a tournament',
        params: TournamentParams,
        response: { 200: TournamentSettings, 404: ErrorResponse },
      },
    },
    async (request) => settings.get(request.racedesk.org!.id, request.params.id),
  );
  app.put(
    '/tournaments/:id/settings',
    {
      config: { permission: 'manage-settings' },
      schema: {
        tags,
        summary:
          'Change SpeedGaming import settings (omitted fields keep their value); turning the import on makes it due at once',
        params: TournamentParams,
        body: TournamentSettingsBody,
        response: { 200: TournamentSettings, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) =>
      settings.put(request.racedesk.org!.id, request.params.id, request.body, request.racedesk.actor),
  );
}
