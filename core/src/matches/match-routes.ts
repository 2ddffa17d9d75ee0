import { Page } from '../http/pagination.js';
import { OrgParams } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';
import {
  CancelBody,
  Match,
  MatchListQuery,
  MatchParams,
  MatchPatchBody,
  NewMatchBody,
  RescheduleBody,
  ResultsBody,
  StateBody,
} from './match-schemas.js';
import type { MatchService } from './matches.js';

const tags = ['matches'];

/** The match API under `/api/v1/orgs/:org/matches`. Changes need the moderator role. */
export function matchRoutes(matches: MatchService) {
  return async (app: RacedeskApp): Promise<void> => {
    const key = (r: { params: { id: number }; racedesk: { org?: { id: number } } }) => ({
      id: r.params.id,
      orgId: r.racedesk.org!.id,
    });
    const write = { config: { minRole: 'moderator' as const } };

    app.post(
      '/api/v1/orgs/:org/matches',
      {
        ...write,
        schema: {
          tags,
          summary: 'Schedule a match with its players in seat order',
          params: OrgParams,
          body: NewMatchBody,
          response: { 201: Match },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await matches.create(request.racedesk.org!.id, request.body, request.racedesk.actor)),
    );

    app.get(
      '/api/v1/orgs/:org/matches',
      {
        schema: {
          tags,
          summary:
            'Matches by scheduled time; filter by tournament, status, player, from/to window or upcoming',
          params: OrgParams,
          querystring: MatchListQuery,
          response: { 200: Page(Match) },
        },
      },
      async (request) => matches.list(request.racedesk.org!.id, request.query),
    );

    app.get(
      '/api/v1/orgs/:org/matches/:id',
      {
        schema: {
          tags,
          summary: 'One match with players, results and automation owners',
          params: MatchParams,
          response: { 200: Match },
        },
      },
      async (request) => matches.get(key(request)),
    );

    app.patch(
      '/api/v1/orgs/:org/matches/:id',
      {
        ...write,
        schema: {
          tags,
          summary: 'Change title, round, stream channel or players',
          params: MatchParams,
          body: MatchPatchBody,
          response: { 200: Match },
        },
      },
      async (request) => matches.update(key(request), request.body, request.racedesk.actor),
    );

    app.post(
      '/api/v1/orgs/:org/matches/:id/reschedule',
      {
        ...write,
        schema: {
          tags,
          summary: 'Move the match to a new time',
          params: MatchParams,
          body: RescheduleBody,
          response: { 200: Match },
        },
      },
      async (request) => matches.reschedule(key(request), request.body.scheduledAt, request.racedesk.actor),
    );

    app.post(
      '/api/v1/orgs/:org/matches/:id/cancel',
      {
        ...write,
        schema: {
          tags,
          summary: 'Cancel the match with a reason (matches are never deleted)',
          params: MatchParams,
          body: CancelBody,
          response: { 200: Match },
        },
      },
      async (request) => matches.cancel(key(request), request.body.reason, request.racedesk.actor),
    );

    app.post(
      '/api/v1/orgs/:org/matches/:id/state',
      {
        ...write,
        schema: {
          tags,
          summary: 'Check in, start, finish or reset a match by hand (409 when a plugin automates it)',
          params: MatchParams,
          body: StateBody,
          response: { 200: Match },
        },
      },
      async (request) => matches.setState(key(request), request.body.state, request.racedesk.actor),
    );

    app.post(
      '/api/v1/orgs/:org/matches/:id/results',
      {
        ...write,
        schema: {
          tags,
          summary: 'Record placings once; later changes need a correction with a reason (audited)',
          params: MatchParams,
          body: ResultsBody,
          response: { 200: Match },
        },
      },
      async (request) => matches.recordResults(key(request), request.body, request.racedesk.actor),
    );
  };
}
