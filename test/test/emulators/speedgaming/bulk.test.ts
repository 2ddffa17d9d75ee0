import t from 'tap';
import { TestClock } from '../../../src/clock.js';
import { type SgEpisode, startSpeedGamingEmulator } from '../../../src/emulators/speedgaming/index.js';
import { fetchSg } from './fixtures/fetch-sg.js';

t.test('bulk generator: 5,000 episodes over 20,000 people, served whole', async (t) => {
  const clock = new TestClock('2026-07-20T00:00:00Z');
  t.teardown(() => clock.uninstall());
  const sg = await startSpeedGamingEmulator({ clock });
  t.teardown(() => sg.close());
  const manual = sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-20T06:00:00Z' });

  const started = performance.now();
  const result = sg.generateBulk();
  t.ok(performance.now() - started < 2000, 'generation is fast');
  t.equal(result.episodeIds.length, 5000);
  t.equal(result.peopleCount, 20_000);
  t.equal(result.events.length, 10);
  t.equal(sg.store.episodeCount, 5001);
  t.equal(new Set(result.episodeIds).size, 5000, 'unique ids');
  t.notOk(result.episodeIds.includes(manual.id), 'no collision with episodes added by the test');

  const res = await fetchSg(sg.url, '/api/schedule/?from=2026-07-19T00:00:00Z&to=2026-08-01T00:00:00Z');
  const all = res.json as SgEpisode[];
  t.equal(all.length, 5001, 'every generated episode is in its 7-day span');
  const people = new Set(
    all.flatMap((e) => [...e.match1.players, ...(e.match2?.players ?? [])].map((p) => p.id)),
  );
  t.ok(people.size > 5000, `many distinct runners (${people.size})`);
  t.ok(
    all.some((e) => e.match2 !== null),
    'some doubleheaders',
  );
  t.ok(
    all.some((e) => !e.approved),
    'some unapproved episodes',
  );
  t.ok(all.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+00:00$/.test(e.when)));

  const bulk3 = await fetchSg(
    sg.url,
    '/api/schedule/?event=bulk3&from=2026-07-19T00:00:00Z&to=2026-08-01T00:00:00Z',
  );
  t.equal((bulk3.json as SgEpisode[]).length, 500);
  t.equal(sg.requests.count('/api/schedule'), 2, 'request counting for benchmarks');
});

t.test('bulk generator is reproducible per seed and sized by options', async (t) => {
  const a = await startSpeedGamingEmulator();
  const b = await startSpeedGamingEmulator();
  t.teardown(async () => {
    await a.close();
    await b.close();
  });
  const opts = { episodes: 50, people: 40, events: 2, start: new Date('2026-07-20T00:00:00Z'), seed: 7 };
  a.generateBulk(opts);
  b.generateBulk(opts);
  t.same(a.store.listEpisodes(), b.store.listEpisodes());
  t.same(
    a.store.listEvents().map((e) => e.slug),
    ['bulk1', 'bulk2'],
  );
});
