import { freePort } from '@racedesk/testkit';
import t from 'tap';
import { backoffDelay } from '../../src/clients/retrying-fetch.js';
import { createSpeedGamingClient } from '../../src/clients/speedgaming-client.js';
import { SpeedGamingUnavailableError } from '../../src/clients/speedgaming-errors.js';
import { caught, startHarness } from '../fixtures/sg-harness.js';

const FROM = new Date('2026-07-20T10:00:00Z');
const TO = new Date('2026-07-27T10:00:00Z');

t.test('5xx then success: retried inside the call with growing, jittered waits', async (t) => {
  const { sg, client, sleeps } = await startHarness(t, {
    client: { retry: { attempts: 3, baseDelayMs: 1000, maxDelayMs: 8000 } },
  });
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-21T18:00:00Z' });
  sg.faults.serverError({ path: '/api/schedule', status: 502, times: 2 });

  const { episodes } = await client.schedule('alttprleague', FROM, TO);
  t.equal(episodes.length, 1);
  t.same(
    sg.requests.entries.map((r) => r.status),
    [502, 502, 200],
  );
  t.same(sleeps, [750, 1500], 'half fixed plus half random (random = 0.5) of 1 s, then 2 s');
});

t.test('5xx every time: Unavailable after the bounded number of attempts', async (t) => {
  const { sg, client } = await startHarness(t, { client: { retry: { attempts: 3 } } });
  sg.store.addEvent({ slug: 'alttprleague' });
  sg.faults.serverError({ path: '/api/schedule', times: 10 });
  const error = await caught(t, () => client.schedule('alttprleague', FROM, TO));
  t.type(error, SpeedGamingUnavailableError);
  t.match(error, { reason: 'server', status: 503, attempts: 3, code: 'RD_SPEEDGAMING_UNAVAILABLE' });
  t.equal(sg.requests.count('/api/schedule'), 3);
});

t.test('a hanging SG times out as Unavailable, and a retry after one hang succeeds', async (t) => {
  const { sg, client } = await startHarness(t, { client: { timeoutMs: 1000, retry: { attempts: 2 } } });
  sg.store.addEpisode({ event: 'alttprleague', when: '2026-07-21T18:00:00Z' });

  sg.faults.hang({ path: '/api/schedule', times: 2 });
  const error = await caught(t, () => client.schedule('alttprleague', FROM, TO));
  t.match(error, { kind: 'unavailable', reason: 'timeout', attempts: 2 });

  sg.faults.hang({ path: '/api/schedule' });
  const { episodes } = await client.schedule('alttprleague', FROM, TO);
  t.equal(episodes.length, 1);
  t.equal(sg.requests.count('/api/schedule'), 4);
});

t.test('a delayed answer past the timeout counts as a timeout', async (t) => {
  const { sg, client } = await startHarness(t, { client: { timeoutMs: 1000, retry: { attempts: 1 } } });
  sg.store.addEvent({ slug: 'alttprleague' });
  // The delay runs on the emulator's test clock, which this test never advances.
  sg.faults.delay({ path: '/api/schedule', ms: 60_000 });
  const error = await caught(t, () => client.schedule('alttprleague', FROM, TO));
  t.match(error, { reason: 'timeout', attempts: 1 });
});

t.test('nothing listening: Unavailable (network), retried', async (t) => {
  const port = await freePort();
  const sleeps: number[] = [];
  const client = createSpeedGamingClient({
    baseUrl: `http://127.0.0.1:${port}/`,
    sleep: async (ms) => void sleeps.push(ms),
  });
  const error = await caught(t, () => client.episode(1));
  t.match(error, { kind: 'unavailable', reason: 'network', attempts: 3 });
  t.match((error as Error).message, /ECONNREFUSED/);
  t.equal(sleeps.length, 2);
});

t.test('4xx is not retried and proves nothing', async (t) => {
  const { sg, client } = await startHarness(t);
  sg.store.addEvent({ slug: 'alttprleague' });
  sg.faults.serverError({ path: '/api/schedule', status: 429 });
  const error = await caught(t, () => client.schedule('alttprleague', FROM, TO));
  t.match(error, { kind: 'unavailable', reason: 'http_status', status: 429, attempts: 1 });
  t.equal(sg.requests.count(), 1);
});

t.test('a cancelled call stops at once, retries included', async (t) => {
  const { sg, client } = await startHarness(t, { client: { timeoutMs: 5000 } });
  sg.store.addEvent({ slug: 'alttprleague' });
  sg.faults.hang({ path: '/api/schedule' });
  const controller = new AbortController();
  const pending = caught(t, () => client.schedule('alttprleague', FROM, TO, { signal: controller.signal }));
  await sg.requests.waitFor(1, '/api/schedule');
  controller.abort();
  t.match(await pending, { kind: 'unavailable', reason: 'aborted' });
  t.equal(sg.requests.count(), 1, 'no retry after cancellation');
});

t.test('backoff doubles, is capped, and jitters within [half, full]', async (t) => {
  const policy = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 4000 };
  t.same(
    [1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0)),
    [500, 1000, 2000, 2000],
  );
  t.same(
    [1, 2, 3, 4].map((n) => backoffDelay(n, policy, () => 0.999999)),
    [1000, 2000, 4000, 4000],
  );
});
