import { ErrorResponse, notFound, type RacedeskApp } from '@racedesk/core';
import { MatchRoom, OpenRoomBody } from '../schemas/room.js';
import { OrgIdParams } from '../schemas/tournament-settings.js';
import { roomOpener } from '../services/room-opener.js';
import { type RoomRow, roomRepository } from '../services/room-repository.js';
import { type RacetimeContext, runtimeOf } from '../services/runtime.js';

const tags = ['racetime'];
const errors = { 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

/** `GET/POST /api/v1/orgs/:org/racetime/matches/:id/room`. */
export function roomRoutes(app: RacedeskApp, ctx: RacetimeContext): void {
  const opener = roomOpener(ctx);
  const view = (row: RoomRow | undefined) => ({
    status: row?.status ?? 'none',
    slug: row?.slug ?? null,
    url: row?.slug ? `${runtimeOf(ctx).settings.racetimeUrl}/${row.slug}` : null,
    invited: row?.invited ?? [],
    notInvited: row?.not_invited ?? [],
    skipReason: row?.skip_reason ?? null,
    skipDetail: row?.skip_detail ?? null,
    openAt: row?.open_at ?? null,
  });

  app.get(
    '/matches/:id/room',
    {
      schema: {
        tags,
        summary: 'The match’s race room, or why it was not opened',
        params: OrgIdParams,
        response: { 200: MatchRoom, ...errors },
      },
    },
    async (request) => {
      const match = await ctx
        .db('matches')
        .where({ id: request.params.id, org_id: request.racedesk.org!.id })
        .first('id');
      if (!match) throw notFound('RD_MATCH_NOT_FOUND', `No match ${request.params.id}`);
      return view(await roomRepository.byMatch(ctx.db, request.params.id));
    },
  );

  app.post(
    '/matches/:id/room',
    {
      config: { permission: 'open-room' },
      schema: {
        tags,
        summary: 'Open the match’s room now (409 if it has one); goal and invitational may be overridden',
        params: OrgIdParams,
        body: OpenRoomBody,
        response: { 201: MatchRoom, ...errors },
      },
    },
    async (request, reply) => {
      const row = await opener.openManually(request.racedesk.org!.id, request.params.id, request.body);
      return reply.status(201).send(view(row));
    },
  );
}
