import { ErrorResponse, type RacedeskApp } from '@racedesk/core';
import { Type } from 'typebox';
import { Bot } from '../schemas/bot.js';
import {
  MatchSettings,
  OrgIdParams,
  TournamentSettings,
  TournamentSettingsBody,
} from '../schemas/tournament-settings.js';
import { botService } from '../services/bot-service.js';
import type { RacetimeContext } from '../services/runtime.js';
import { type SettingsChanged, tournamentSettingsService } from '../services/tournament-settings-service.js';

const tags = ['racetime'];
const errors = { 404: ErrorResponse, 422: ErrorResponse };

/** Tournament settings, match overrides and the org's bots, under `/api/v1/orgs/:org/racetime`. */
export function settingsRoutes(app: RacedeskApp, ctx: RacetimeContext, changed: SettingsChanged): void {
  const settings = tournamentSettingsService(ctx, changed);
  const orgId = (request: { racedesk: { org?: { id: number } } }) => request.racedesk.org!.id;

  app.get(
    '/bots',
    {
      schema: {
        tags,
        summary: 'Bots this organization may use',
        params: Type.Object({ org: Type.String() }),
        response: { 200: Type.Array(Bot) },
      },
    },
    async (request) => botService(ctx).forOrg(orgId(request)),
  );

  app.get(
    '/tournaments/:id/settings',
    {
      schema: {
        tags,
        summary: 'racetime settings of a tournament',
        params: OrgIdParams,
        response: { 200: TournamentSettings, ...errors },
      },
    },
    async (request) => settings.get(orgId(request), request.params.id),
  );

  app.put(
    '/tournaments/:id/settings',
    {
      config: { permission: 'manage-settings' },
      schema: {
        tags,
        summary:
          'Change racetime settings of a tournament (omitted fields keep their value); rooms are rescheduled',
        params: OrgIdParams,
        body: TournamentSettingsBody,
        response: { 200: TournamentSettings, ...errors },
      },
    },
    async (request) => settings.put(orgId(request), request.params.id, request.body, request.racedesk.actor),
  );

  app.get(
    '/matches/:id/settings',
    {
      schema: {
        tags,
        summary: 'racetime overrides of a match',
        params: OrgIdParams,
        response: { 200: MatchSettings, ...errors },
      },
    },
    async (request) => settings.getMatch(orgId(request), request.params.id),
  );

  app.put(
    '/matches/:id/settings',
    {
      config: { permission: 'manage-settings' },
      schema: {
        tags,
        summary: 'Override goal, invitational or auto-create for one match (null: the tournament decides)',
        params: OrgIdParams,
        body: Type.Partial(MatchSettings),
        response: { 200: MatchSettings, ...errors },
      },
    },
    async (request) =>
      settings.putMatch(orgId(request), request.params.id, request.body, request.racedesk.actor),
  );
}
