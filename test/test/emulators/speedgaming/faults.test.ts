import t from 'tap';
import { TestClock } from '../../../src/clock.js';
import { type SgEpisode, startSpeedGamingEmulator } from '../../../src/emulators/speedgaming/index.js';
import { fetchSg } from './fixtures/fetch-sg.js';

const SCHEDULE = '/api/schedule/?event=alttprleague&from=2026-07-20T00:00:00Z&to=2026-07-27T00:00:00Z';

t.test('5xx, malformed JSON and {"error"} hit only the next N matching requests', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  sg.store.addEpisode({ when: '2026-07-21T18:00:00Z' });
  sg.faults.serverError({ path: '/api/schedule', times: 2, status: 502 });
  sg.faults.malformedJson({ path: '/api/schedule' });
  sg.faults.errorBody({ path: '/api/schedule', message: 'Database unavailable.' });
  t.equal(sg.faults.pending, 4);

  const episode = await fetchSg(sg.url, `/api/episode?id=${sg.store.listEpisodes()[0]!.id}`);
  t.equal(episode.status, 200, 'other paths are untouched');

  const statuses = [];
  for (let i = 0; i < 2; i++) statuses.push((await fetchSg(sg.url, SCHEDULE)).status);
  t.same(statuses, [502, 502]);
  const malformed = await fetchSg(sg.url, SCHEDULE);
  t.equal(malformed.status, 200);
  t.equal(malformed.json, undefined, 'body does not parse');
  t.ok(malformed.text.length > 0);
  const error = await fetchSg(sg.url, SCHEDULE);
  t.equal(error.status, 200);
  t.same(error.json, { error: 'Database unavailable.' });
  const healthy = await fetchSg(sg.url, SCHEDULE);
  t.equal((healthy.json as SgEpisode[]).length, 1, 'back to normal after the faults are used up');
  t.equal(sg.faults.pending, 0);
  t.same(
    sg.requests.filter('/api/schedule').map((r) => [r.fault ?? null, r.status]),
    [
      ['status', 502],
      ['status', 502],
      ['malformed', 200],
      ['error', 200],
      [null, 200],
    ],
  );
});

t.test('hang never answers, so the client times out; close() still returns', async (t) => {
  const sg = await startSpeedGamingEmulator();
  sg.faults.hang({ path: /^\/api\/schedule/ });
  const controller = new AbortController();
  const pending = fetch(sg.url + SCHEDULE, { signal: controller.signal });
  await sg.requests.waitFor(1, '/api/schedule');
  // The request arrived and nothing came back; the client gives up (its timeout).
  controller.abort();
  await t.rejects(pending, { name: 'AbortError' });
  t.equal(sg.requests.entries[0]?.fault, 'hang');
  t.equal(sg.requests.entries[0]?.status, undefined, 'no status was ever sent');
  t.equal((await fetchSg(sg.url, SCHEDULE)).status, 200, 'the next request is answered');
  sg.faults.hang();
  const orphan = fetch(sg.url + SCHEDULE).catch((err: unknown) => err);
  await sg.requests.waitFor(3);
  await sg.close();
  t.type(await orphan, Error, 'closing drops the hung request');
});

t.test('delay answers after the given time on the injected clock', async (t) => {
  const clock = new TestClock('2026-07-20T12:00:00Z');
  t.teardown(() => clock.uninstall());
  const sg = await startSpeedGamingEmulator({ clock });
  t.teardown(() => sg.close());
  const ep = sg.store.addEpisode({ when: '2026-07-21T18:00:00Z' });
  sg.faults.delay({ path: '/api/episode', ms: 30_000 });

  let settled = false;
  const pending = fetchSg(sg.url, `/api/episode/?id=${ep.id}`).finally(() => {
    settled = true;
  });
  await sg.requests.waitFor(1);
  await clock.advance('29s');
  t.notOk(settled, 'not answered before the delay');
  sg.store.updateEpisode(ep.id, { title: 'set during the delay' });
  await clock.advance('1s');
  const res = await pending;
  t.equal(res.status, 200);
  t.equal((res.json as SgEpisode).title, 'set during the delay', 'answer reflects the store at send time');
  t.equal(sg.requests.entries[0]?.at.toISOString(), '2026-07-20T12:00:00.000Z', 'logged with clock time');
});

t.test('faults with custom bodies, any-path faults, clear()', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  sg.faults.serverError({ status: 503, body: 'upstream down' });
  const res = await fetchSg(sg.url, '/api/event/');
  t.equal(res.status, 503);
  t.equal(res.text, 'upstream down');
  sg.faults.inject({ kind: 'malformed', body: '<html>Cloudflare</html>' }, { path: '/api/event', times: 3 });
  t.equal((await fetchSg(sg.url, '/api/event')).text, '<html>Cloudflare</html>');
  sg.faults.clear();
  t.equal(sg.faults.pending, 0);
  t.same((await fetchSg(sg.url, '/api/event')).json, []);
  t.equal(sg.requests.count(), 3);
  sg.requests.clear();
  t.equal(sg.requests.count(), 0);
});
