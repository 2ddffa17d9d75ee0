import { Type } from 'typebox';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { notFound } from '../errors.js';
import { Page, PageQuery, paginate } from '../http/pagination.js';
import { Slug } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { Id, TournamentParams } from '../tournaments/tournament-schemas.js';
import { CrewMember, CrewRole, type CrewService, type CrewView } from './crew-service.js';

const tags = ['crew'];
const MatchParams = Type.Object({ org: Slug, id: Id });
const CrewParams = Type.Object({ org: Slug, id: Id, crewId: Id });
const Need = Type.Object({
  role: CrewRole,
  needed: Type.Integer(),
  approved: Type.Integer(),
  pending: Type.Integer(),
});
const ROLES = ['commentator', 'tracker', 'restreamer'] as const;

/** Crew needs of a match: wanted (from its tournament) against approved and pending sign-ups. */
export function needsOf(wanted: Record<string, number>, crew: CrewView[]) {
  return ROLES.map((role) => ({
    role,
    needed: wanted[role] ?? 0,
    approved: crew.filter((c) => c.role === role && c.approved).length,
    pending: crew.filter((c) => c.role === role && !c.approved).length,
  }));
}

/** Crew sign-ups of matches and the crew needs of a tournament. */
export function crewRoutes(crew: CrewService, db: Database, clock: Clock) {
  return async (app: RacedeskApp): Promise<void> => {
    const wantedFor = async (matchId: number) =>
      ((
        await db('matches as m')
          .join('tournaments as t', 't.id', 'm.tournament_id')
          .where('m.id', matchId)
          .first('t.crew_needs')
      )?.crew_needs ?? {}) as Record<string, number>;

    app.get(
      '/api/v1/orgs/:org/matches/:id/crew',
      {
        schema: {
          tags,
          summary: 'Crew of a match and what it still needs',
          params: MatchParams,
          response: { 200: Type.Object({ items: Type.Array(CrewMember), needs: Type.Array(Need) }) },
        },
      },
      async (request) => {
        const orgId = request.racedesk.org!.id;
        if (!(await db('matches').where({ id: request.params.id, org_id: orgId }).first('id')))
          throw notFound('RD_MATCH_NOT_FOUND', `No match ${request.params.id}`);
        const items = await crew.ofMatches([request.params.id]);
        return { items, needs: needsOf(await wantedFor(request.params.id), items) };
      },
    );

    app.post(
      '/api/v1/orgs/:org/matches/:id/crew',
      {
        config: { minRole: 'member' },
        schema: {
          tags,
          summary: 'Sign up as crew (pending), or add someone as a moderator (approved)',
          params: MatchParams,
          body: Type.Object({ role: CrewRole, userId: Type.Optional(Id) }, { additionalProperties: false }),
          response: { 201: CrewMember },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await crew.signUp(
              request.racedesk.org!.id,
              request.params.id,
              request.body,
              request.racedesk.actor,
            ),
          ),
    );

    for (const [verb, approved] of [
      ['approve', true],
      ['unapprove', false],
    ] as const) {
      app.post(
        `/api/v1/orgs/:org/matches/:id/crew/:crewId/${verb}`,
        {
          config: { minRole: 'moderator' },
          schema: {
            tags,
            summary: `${approved ? 'Approve' : 'Withdraw approval of'} a crew sign-up`,
            params: CrewParams,
            response: { 200: CrewMember },
          },
        },
        async (request) =>
          crew.setApproved(
            request.racedesk.org!.id,
            request.params.id,
            request.params.crewId,
            approved,
            request.racedesk.actor,
          ),
      );
    }

    app.delete(
      '/api/v1/orgs/:org/matches/:id/crew/:crewId',
      {
        config: { minRole: 'member' },
        schema: {
          tags,
          summary: 'Withdraw (yourself) or remove (moderators) a crew sign-up',
          params: CrewParams,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await crew.remove(
          request.racedesk.org!.id,
          request.params.id,
          request.params.crewId,
          request.racedesk.actor,
        );
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/orgs/:org/tournaments/:id/crew-needs',
      {
        schema: {
          tags,
          summary: 'Upcoming matches of a tournament with the crew each still needs, by time, paged',
          params: TournamentParams,
          querystring: PageQuery,
          response: {
            200: Page(
              Type.Object({
                matchId: Type.Integer(),
                title: Type.Union([Type.String(), Type.Null()]),
                scheduledAt: Type.String(),
                needs: Type.Array(Need),
              }),
            ),
          },
        },
      },
      async (request) => {
        const orgId = request.racedesk.org!.id;
        const t = await db('tournaments').where({ id: request.params.id, org_id: orgId }).first('crew_needs');
        if (!t) throw notFound('RD_TOURNAMENT_NOT_FOUND', `No tournament ${request.params.id}`);
        const q = db('matches')
          .where({ tournament_id: request.params.id })
          .whereNull('cancelled_at')
          .whereNull('finished_at')
          .where('scheduled_at', '>=', clock.now())
          .select('id', 'title', 'scheduled_at');
        const page = await paginate<{ id: number; title: string | null; scheduled_at: Date }>(
          q,
          request.query,
          { columns: ['scheduled_at', 'id'], direction: 'asc' },
        );
        const matches = page.items;
        const all = await crew.ofMatches(matches.map((m) => m.id));
        return {
          items: matches.map((m) => ({
            matchId: m.id,
            title: m.title,
            scheduledAt: (m.scheduled_at as Date).toISOString(),
            needs: needsOf(
              t.crew_needs,
              all.filter((c) => c.matchId === m.id),
            ),
          })),
          nextCursor: page.nextCursor,
        };
      },
    );
  };
}
