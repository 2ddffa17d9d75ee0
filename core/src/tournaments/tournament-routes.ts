import { Type } from 'typebox';
import { Page, PageQuery } from '../http/pagination.js';
import { OrgParams } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';
import {
  NewTournamentBody,
  Tournament,
  TournamentParams,
  TournamentPatchBody,
} from './tournament-schemas.js';
import type { TournamentService } from './tournament-service.js';

const tags = ['tournaments'];

/** `POST/GET .../tournaments`, `GET/PATCH .../tournaments/:id` (archive with `{ archived: true }`). */
export function tournamentRoutes(tournaments: TournamentService) {
  return async (app: RacedeskApp): Promise<void> => {
    app.post(
      '/api/v1/orgs/:org/tournaments',
      {
        config: { minRole: 'admin' },
        schema: {
          tags,
          summary: 'Create a tournament (slug unique in the org; time zone defaults to the org’s)',
          params: OrgParams,
          body: NewTournamentBody,
          response: { 201: Tournament },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await tournaments.create(request.racedesk.org!.id, request.body, request.racedesk.actor)),
    );

    app.get(
      '/api/v1/orgs/:org/tournaments',
      {
        schema: {
          tags,
          summary: 'Tournaments of the org by slug (archived ones with archived=true)',
          params: OrgParams,
          querystring: Type.Object({ ...PageQuery.properties, archived: Type.Optional(Type.Boolean()) }),
          response: { 200: Page(Tournament) },
        },
      },
      async (request) => tournaments.list(request.racedesk.org!.id, request.query),
    );

    app.get(
      '/api/v1/orgs/:org/tournaments/:id',
      {
        schema: { tags, summary: 'One tournament', params: TournamentParams, response: { 200: Tournament } },
      },
      async (request) => tournaments.get(request.racedesk.org!.id, request.params.id),
    );

    app.patch(
      '/api/v1/orgs/:org/tournaments/:id',
      {
        config: { minRole: 'admin' },
        schema: {
          tags,
          summary: 'Change a tournament; { archived: true } archives it (nothing is deleted)',
          params: TournamentParams,
          body: TournamentPatchBody,
          response: { 200: Tournament },
        },
      },
      async (request) =>
        tournaments.update(request.racedesk.org!.id, request.params.id, request.body, request.racedesk.actor),
    );
  };
}
