import { Type } from 'typebox';
import type { Database } from '../db/connect.js';
import { notFound } from '../errors.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { TournamentParams } from '../tournaments/tournament-schemas.js';
import type { CalendarFeeds } from './calendar-feeds.js';

const tags = ['calendars'];
const FeedUrl = Type.Object({
  url: Type.String({ description: 'Secret iCalendar URL; anyone with it can read the feed' }),
});
const Reset = Type.Object({
  reset: Type.Optional(Type.Boolean({ description: 'Make a new URL; the old one stops working' })),
});

/** Feed URLs for tournaments and for the caller, and the public `.ics` endpoint behind them. */
export function calendarRoutes(feeds: CalendarFeeds, db: Database) {
  return async (app: RacedeskApp): Promise<void> => {
    app.get(
      '/api/v1/orgs/:org/tournaments/:id/calendar',
      {
        schema: {
          tags,
          summary: "The tournament's iCalendar feed URL",
          params: TournamentParams,
          querystring: Reset,
          response: { 200: FeedUrl },
        },
      },
      async (request) => {
        const found = await db('tournaments')
          .where({ id: request.params.id, org_id: request.racedesk.org!.id })
          .first('id');
        if (!found) throw notFound('RD_TOURNAMENT_NOT_FOUND', `No tournament ${request.params.id}`);
        // Only admins may invalidate a URL others subscribed to.
        const reset =
          request.query.reset === true && ['owner', 'admin'].includes(request.racedesk.role ?? '');
        return { url: await feeds.urlFor({ tournamentId: request.params.id }, reset) };
      },
    );
    app.get(
      '/api/v1/me/calendar',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Your own iCalendar feed URL (your matches in every org)',
          querystring: Reset,
          response: { 200: FeedUrl },
        },
      },
      async (request) => {
        if (request.racedesk.userId === null)
          throw notFound('RD_CALENDAR_NOT_FOUND', 'This token has no user');
        return { url: await feeds.urlFor({ userId: request.racedesk.userId }, request.query.reset === true) };
      },
    );
    app.get(
      '/api/v1/calendars/:file',
      {
        config: { auth: 'public' },
        schema: {
          tags,
          summary: 'An iCalendar feed (text/calendar) by its secret token',
          params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}\\.ics$' }) }),
          response: { 200: Type.String({ description: 'text/calendar' }) },
        },
      },
      async (request, reply) => {
        const body = await feeds.render(request.params.file.replace(/\.ics$/, ''));
        return reply
          .header('content-type', 'text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .send(body);
      },
    );
  };
}
