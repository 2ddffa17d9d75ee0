import { badRequest, ErrorResponse, notFound, OrgParams, type RacedeskApp } from '@racedesk/core';
import { MatchRoom, MatchRooms, OpenRoomBody, RoomsQuery } from '../schemas/room.js';
import { OrgIdParams } from '../schemas/tournament-settings.js';
import { roomOpener } from '../services/room-opener.js';
import { type RoomRow, roomRepository } from '../services/room-repository.js';
import { roomView, roomViews } from '../services/room-views.js';
import type { RacetimeContext } from '../services/runtime.js';

const tags = ['racetime'];
const errors = { 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };
/** Most match ids one `GET .../racetime/rooms` takes (a schedule page). */
export const MAX_ROOMS_PER_REQUEST = 100;

/** `?matchIds=1,2,3` as distinct ids, or a 400 in the one error shape saying what is wrong. */
function parseMatchIds(raw: string): number[] {
  const parts = raw.split(',').map((part) => part.trim());
  const invalid = (message: string) =>
    badRequest('RD_VALIDATION', `Invalid request: querystring/matchIds ${message}`, [
      { field: 'querystring/matchIds', message },
    ]);
  if (parts.some((p) => !/^[1-9][0-9]{0,15}$/.test(p) || !Number.isSafeInteger(Number(p))))
    throw invalid('must be match ids (positive whole numbers) separated by commas, e.g. 1,2,3');
  const ids = [...new Set(parts.map(Number))];
  if (ids.length > MAX_ROOMS_PER_REQUEST)
    throw invalid(`must name at most ${MAX_ROOMS_PER_REQUEST} matches; ask again for the others`);
  return ids;
}

/** `GET/POST /api/v1/orgs/:org/racetime/matches/:id/room` and `GET /api/v1/orgs/:org/racetime/rooms`. */
export function roomRoutes(app: RacedeskApp, ctx: RacetimeContext): void {
  const opener = roomOpener(ctx);

  app.get(
    '/matches/:id/room',
    {
      schema: {
        tags,
        summary: 'The match’s race room, or why it was not opened, with the race’s entrants as last seen',
        params: OrgIdParams,
        response: { 200: MatchRoom, ...errors },
      },
    },
    async (request) => {
      const [match] = await ctx.domain.matches.idsInOrg(request.racedesk.org!.id, [request.params.id]);
      if (match === undefined) throw notFound('RD_MATCH_NOT_FOUND', `No match ${request.params.id}`);
      return roomView(ctx, await roomRepository.byMatch(ctx.db, request.params.id));
    },
  );

  app.get(
    '/rooms',
    {
      schema: {
        tags,
        summary:
          'The rooms of up to 100 matches at once (e.g. a schedule page); ids of other orgs’ or missing matches are left out',
        params: OrgParams,
        querystring: RoomsQuery,
        response: { 200: MatchRooms, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const ids = parseMatchIds(request.query.matchIds);
      const matchIds = await ctx.domain.matches.idsInOrg(request.racedesk.org!.id, ids);
      const rows = (await ctx.db<RoomRow>('racetime_match_rooms').whereIn('match_id', matchIds)).map(
        roomRepository.normalize,
      );
      const byMatch = new Map(rows.map((row) => [row.match_id, row]));
      const views = await roomViews(
        ctx,
        matchIds.map((id) => byMatch.get(id)),
      );
      return { items: matchIds.map((matchId, i) => ({ matchId, ...views[i]! })), nextCursor: null };
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
      return reply.status(201).send(await roomView(ctx, row));
    },
  );
}
