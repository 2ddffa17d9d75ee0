import { createTestApp } from '@racedesk/testkit';
import ICAL from 'ical.js';
import t from 'tap';
import { league } from '../matches/helpers.js';

type Headers = Record<string, string>;

/** The events of a feed, as a real iCalendar parser reads them. */
function parseFeed(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  return {
    name: calendar.getFirstPropertyValue('x-wr-calname'),
    events: calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description,
        start: event.startDate,
        end: event.endDate,
        sequence: event.sequence,
        url: vevent.getFirstPropertyValue('url'),
        status: vevent.getFirstPropertyValue('status'),
      };
    }),
  };
}

t.test('tournament and player feeds: UTC times, title, stream link, updated on reschedule', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const { org, root, mod, alice, bob, tournamentId } = await league(app);
  const api = `/api/v1/orgs/${org}`;
  const inject = (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) =>
    app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const fetchFeed = async (url: string) => {
    const res = await app.inject({ method: 'GET', url: new URL(url).pathname });
    t.equal(res.statusCode, 200, 'the feed is served');
    t.match(res.headers['content-type'], /^text\/calendar/);
    return parseFeed(res.body);
  };

  const channel = await inject('POST', `${api}/stream-channels`, root.headers, {
    name: 'Main',
    url: 'https://twitch.tv/league',
  });
  const title = 'Grand final, Ünïcode ✓; a long title that needs folding across several lines of the feed';
  const final = await inject('POST', `${api}/matches`, mod.headers, {
    tournamentId,
    title,
    scheduledAt: '2030-01-08T19:00:00+01:00',
    players: [alice.userId, bob.userId],
    streamChannelId: channel.json().id,
  });
  t.equal(final.statusCode, 201, final.body);
  const other = await inject('POST', `${api}/matches`, mod.headers, {
    tournamentId,
    scheduledAt: '2030-01-09T18:00:00Z',
    players: [bob.userId],
  });

  const feedUrl = await inject('GET', `${api}/tournaments/${tournamentId}/calendar`, alice.headers);
  t.equal(feedUrl.statusCode, 200, feedUrl.body);
  const { url } = feedUrl.json();
  t.match(url, /^http:\/\/localhost:3000\/api\/v1\/calendars\/[A-Za-z0-9_-]+\.ics$/);
  const feed = await fetchFeed(url);
  t.equal(feed.name, 'Season 1');
  t.equal(feed.events.length, 2);
  const [first, second] = feed.events;
  t.equal(first!.uid, `match-${final.json().id}@racedesk`);
  t.equal(first!.start.zone, ICAL.Timezone.utcTimezone, 'start is in UTC');
  t.equal(first!.start.toJSDate().toISOString(), '2030-01-08T18:00:00.000Z');
  t.equal(first!.summary, `${title} (alice vs bob)`, 'the title survives escaping and folding');
  t.equal(first!.url, 'https://twitch.tv/league');
  t.match(first!.description, /Stream: https:\/\/twitch\.tv\/league/);
  t.equal(second!.summary, 'Season 1: bob');
  t.equal(second!.uid, `match-${other.json().id}@racedesk`);

  const moved = await inject('POST', `${api}/matches/${final.json().id}/reschedule`, mod.headers, {
    scheduledAt: '2030-01-10T20:30:00Z',
  });
  t.equal(moved.statusCode, 200);
  await inject('POST', `${api}/matches/${other.json().id}/cancel`, mod.headers, { reason: 'no-show' });
  const after = await fetchFeed(url);
  const movedEvent = after.events.find((e) => e.uid === `match-${final.json().id}@racedesk`)!;
  t.equal(movedEvent.start.toJSDate().toISOString(), '2030-01-10T20:30:00.000Z', 'the feed moved');
  t.ok(movedEvent.sequence > first!.sequence, 'with a higher SEQUENCE so calendar apps update it');
  const cancelled = after.events.find((e) => e.uid === `match-${other.json().id}@racedesk`)!;
  t.equal(cancelled.status, 'CANCELLED');
  t.match(cancelled.description, /Cancelled: no-show/);

  // A player's own feed has their matches only.
  const mine = await inject('GET', '/api/v1/me/calendar', alice.headers);
  const aliceFeed = await fetchFeed(mine.json().url);
  t.same(
    aliceFeed.events.map((e) => e.uid),
    [`match-${final.json().id}@racedesk`],
  );
  t.not(mine.json().url, url, 'a different secret than the tournament feed');
  const again = await inject('GET', '/api/v1/me/calendar', alice.headers);
  t.equal(again.json().url, mine.json().url, 'the URL is stable');
});

t.test('feed URLs are secret: unknown tokens are 404, a reset replaces the URL', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const { org, root, alice, tournamentId } = await league(app);
  const calendar = `/api/v1/orgs/${org}/tournaments/${tournamentId}/calendar`;
  const { url } = (await app.inject({ method: 'GET', url: calendar, headers: alice.headers })).json();

  const unknown = await app.inject({ method: 'GET', url: '/api/v1/calendars/AAAAAAAAAAAAAAAAAAAAAAAA.ics' });
  t.equal(unknown.statusCode, 404);
  t.equal(unknown.json().error.code, 'RD_CALENDAR_NOT_FOUND');
  const malformed = await app.inject({ method: 'GET', url: '/api/v1/calendars/x.ics' });
  t.equal(malformed.statusCode, 400);
  t.ok(malformed.json().error.code, 'in the one error shape');

  const byMember = await app.inject({ method: 'GET', url: `${calendar}?reset=true`, headers: alice.headers });
  t.equal(byMember.json().url, url, 'members cannot invalidate a shared feed');
  const byAdmin = await app.inject({ method: 'GET', url: `${calendar}?reset=true`, headers: root.headers });
  t.not(byAdmin.json().url, url);
  const old = await app.inject({ method: 'GET', url: new URL(url).pathname });
  t.equal(old.statusCode, 404, 'the old URL stops working');
  const fresh = await app.inject({ method: 'GET', url: new URL(byAdmin.json().url).pathname });
  t.equal(fresh.statusCode, 200);

  const missing = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${org}/tournaments/999/calendar`,
    headers: alice.headers,
  });
  t.equal(missing.statusCode, 404);
});
