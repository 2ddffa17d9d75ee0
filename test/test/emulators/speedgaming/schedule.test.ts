import t from 'tap';
import { TestClock } from '../../../src/clock.js';
import { type SgEpisode, startSpeedGamingEmulator } from '../../../src/emulators/speedgaming/index.js';
import { fetchSg, q } from './fixtures/fetch-sg.js';

const ids = (body: unknown) => (body as SgEpisode[]).map((e) => e.id);
const WEEK = `from=${q('2026-07-20T00:00:00+00:00')}&to=${q('2026-07-27T00:00:00+00:00')}`;

t.test('filters by event slug; unknown slug is HTTP 200 {"error"}', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const a = sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-21T18:00:00Z' });
  sg.store.addEpisode({ event: 'smz3', when: '2026-07-21T19:00:00Z' });

  const league = await fetchSg(sg.url, `/api/schedule/?event=alttprleague&${WEEK}`);
  t.same(ids(league.json), [a.id]);

  const unknown = await fetchSg(sg.url, `/api/schedule/?event=nosuchevent&${WEEK}`);
  t.equal(unknown.status, 200, 'errors are not 4xx');
  t.equal(unknown.contentType, 'text/html');
  t.same(unknown.json, { error: 'Failed to find event.' });

  sg.store.addEvent({ slug: 'quiet' });
  const empty = await fetchSg(sg.url, `/api/schedule/?event=quiet&${WEEK}`);
  t.same(empty.json, [], 'an event with nothing in the window is [] not an error');
});

t.test('without event: episodes of all active events, sorted by when', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const late = sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-22T18:00:00Z' });
  const early = sg.store.addEpisode({ event: 'smz3', when: '2026-07-21T18:00:00Z' });
  const hidden = sg.store.addEpisode({ event: 'oldevent', when: '2026-07-21T20:00:00Z' });
  sg.store.updateEvent('oldevent', { active: false });

  const all = await fetchSg(sg.url, `/api/schedule/?${WEEK}`);
  t.same(ids(all.json), [early.id, late.id], 'inactive events are left out');
  const direct = await fetchSg(sg.url, `/api/schedule/?event=oldevent&${WEEK}`);
  t.same(ids(direct.json), [hidden.id], 'an inactive event can still be asked for by slug');
});

t.test('window accepts any offset, fractions and Z, and is inclusive on when', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const at18 = sg.store.addEpisode({ when: '2026-07-20T18:00:00+00:00' });
  const at20 = sg.store.addEpisode({ when: '2026-07-20T20:00:00+00:00' });
  const path = (from: string, to: string) => `/api/schedule/?event=alttprleague&from=${q(from)}&to=${q(to)}`;

  // SahasrahBot: US/Eastern local time with microseconds; 13:59:59.999999-04:00 = 17:59:59.999999Z.
  const eastern = await fetchSg(
    sg.url,
    path('2026-07-20T13:59:59.999999-04:00', '2026-07-20T15:00:00-04:00'),
  );
  t.same(ids(eastern.json), [at18.id]);
  const utcZ = await fetchSg(sg.url, path('2026-07-20T18:00:00Z', '2026-07-20T20:00:00.000Z'));
  t.same(ids(utcZ.json), [at18.id, at20.id], 'both bounds inclusive');
  const tooLate = await fetchSg(sg.url, path('2026-07-20T18:00:00.001+00:00', '2026-07-20T19:59:59+00:00'));
  t.same(tooLate.json, []);

  // A client that forgets to encode "+" sends a space; the emulator refuses rather than guessing.
  const unencoded = await fetchSg(
    sg.url,
    '/api/schedule/?from=2026-07-20T18:00:00+00:00&to=2026-07-21T00:00:00Z',
  );
  t.same(unencoded.json, { error: 'Invalid date.' });
  const impossible = await fetchSg(sg.url, `/api/schedule/?from=${q('2026-13-40T00:00:00Z')}`);
  t.same(impossible.json, { error: 'Invalid date.' });
});

t.test('timezone and type are ignored; slash-less path is served too', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const ep = sg.store.addEpisode({ when: '2026-07-21T18:00:00Z' });
  const withSlash = await fetchSg(sg.url, `/api/schedule/?event=alttprleague&${WEEK}`);
  const without = await fetchSg(
    sg.url,
    `/api/schedule?event=alttprleague&${WEEK}&timezone=Europe/Paris&type=x`,
  );
  t.same(ids(withSlash.json), [ep.id]);
  t.same(without.json, withSlash.json);
  t.same(
    sg.requests.entries.map((r) => r.path),
    ['/api/schedule/', '/api/schedule'],
  );
  t.equal(sg.requests.count('/api/schedule'), 2, 'a path matcher counts both forms');
});

t.test('redirect mode sends slash-less paths to the slash form with the query kept', async (t) => {
  const sg = await startSpeedGamingEmulator({ slashless: 'redirect' });
  t.teardown(() => sg.close());
  const ep = sg.store.addEpisode({ when: '2026-07-21T18:00:00Z' });
  const manual = await fetch(`${sg.url}/api/schedule?event=alttprleague&${WEEK}`, { redirect: 'manual' });
  await manual.text();
  t.equal(manual.status, 301);
  t.equal(manual.headers.get('location'), `/api/schedule/?event=alttprleague&${WEEK}`);
  const followed = await fetchSg(sg.url, `/api/schedule?event=alttprleague&${WEEK}`);
  t.same(ids(followed.json), [ep.id], 'a redirect-following client still gets the schedule');
  t.equal(sg.requests.count(), 3);
});

t.test('missing to/from use a short default window from the emulator clock', async (t) => {
  const clock = new TestClock('2026-07-20T12:00:00Z');
  t.teardown(() => clock.uninstall());
  const sg = await startSpeedGamingEmulator({ clock });
  t.teardown(() => sg.close());
  const soon = sg.store.addEpisode({ when: '2026-07-20T20:00:00Z' });
  const later = sg.store.addEpisode({ when: '2026-07-23T20:00:00Z' });
  const past = sg.store.addEpisode({ when: '2026-07-20T10:00:00Z' });

  const noBounds = await fetchSg(sg.url, '/api/schedule/?event=alttprleague');
  t.same(ids(noBounds.json), [soon.id], 'now .. now+24h');
  const noTo = await fetchSg(sg.url, `/api/schedule/?event=alttprleague&from=${q('2026-07-20T09:00:00Z')}`);
  t.same(ids(noTo.json), [past.id, soon.id], 'from .. from+24h: a client that omits `to` misses episodes');

  await clock.advance('3d');
  const afterwards = await fetchSg(sg.url, '/api/schedule/?event=alttprleague');
  t.same(ids(afterwards.json), [later.id], 'the window follows the injected clock');
});

t.test('/api/event/?slug= returns an array of event objects', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  sg.store.addEpisode({ event: 'alttprleague' });
  const res = await fetchSg(sg.url, '/api/event/?slug=alttprleague');
  t.equal(res.contentType, 'text/html');
  const [event] = res.json as { name: string; slug: string }[];
  t.equal(event?.name, 'ALTTPR League Season 5');
  t.equal(event?.slug, 'alttprleague');
  t.same((await fetchSg(sg.url, '/api/event?slug=nope')).json, []);
});

t.test('unknown paths and methods', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  t.equal((await fetchSg(sg.url, '/api/nothing')).status, 404);
  t.equal((await fetchSg(sg.url, '/api/schedule/', { method: 'POST' })).status, 405);
});
