import { api } from '@racedesk/testkit';
import t from 'tap';
import { type SgTestApp, sgTestApp } from '../helpers/sg-app.js';

interface SyncItem {
  trigger: string;
  status: string;
  startedAt: string;
  imported: number;
  error: string | null;
}

const syncs = async (x: SgTestApp) =>
  (await api<{ items: SyncItem[] }>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/speedgaming/syncs`)).items;
const nextRunAt = async (x: SgTestApp) =>
  (await api<{ nextRunAt: string | null }>(x.app, x.root, 'GET', `${x.base}/settings`)).nextRunAt;

t.test('the job imports every 5 minutes by default', async (t) => {
  const x = await sgTestApp(t, { interval: 'PT5M' });
  x.sg.store.addEpisode({ when: '2026-07-21T18:00:00Z' });
  await x.advance('1m');
  t.match(
    await syncs(x),
    [{ trigger: 'job', status: 'succeeded', imported: 1 }],
    'turning it on made it due',
  );
  t.equal(await nextRunAt(x), '2026-07-20T12:06:00.000Z');
  await x.advance('4m');
  t.equal((await syncs(x)).length, 1, 'not before the interval is up');
  await x.advance('1m');
  t.equal((await syncs(x)).length, 2);
  t.equal(x.sg.requests.count('/api/schedule'), 2, 'one schedule request per run');
});

t.test('failed runs back off, double each time, and are retried until SpeedGaming answers', async (t) => {
  const x = await sgTestApp(t, { interval: 'PT5M' });
  x.sg.faults.serverError({ path: '/api/schedule', times: 3 });
  await x.advance('1m'); // 12:01, fails
  t.equal(await nextRunAt(x), '2026-07-20T12:11:00.000Z', 'twice the interval');
  await x.advance('10m'); // 12:11, fails
  t.equal(await nextRunAt(x), '2026-07-20T12:31:00.000Z', 'four times');
  await x.advance('20m'); // 12:31, fails
  t.equal(await nextRunAt(x), '2026-07-20T13:11:00.000Z', 'eight times');
  x.sg.store.addEpisode({ when: '2026-07-21T18:00:00Z' });
  await x.advance('40m'); // 13:11, succeeds
  t.equal(await nextRunAt(x), '2026-07-20T13:16:00.000Z', 'back to the interval');
  const log = await syncs(x);
  t.same(
    log.map((s) => s.status),
    ['succeeded', 'failed', 'failed', 'failed'],
  );
  t.match(log[1], { error: /answered HTTP 503/ }, 'each failure says why');
  t.equal(log[0]!.imported, 1, 'nothing was lost');
});

t.test('SpeedGaming is polled at most once a minute per event', async (t) => {
  const x = await sgTestApp(t);
  t.match(
    await x.sync(),
    { status: 'failed', error: /SpeedGaming has no event "alttprleague": Failed to find event/ },
    'an unknown event slug is a failed run that says so',
  );
  x.sg.store.addEvent({ slug: 'alttprleague' });
  const res = await x.app.inject({ method: 'POST', url: `${x.base}/sync`, headers: x.root.headers });
  t.equal(res.statusCode, 429);
  t.match(res.json(), {
    error: { code: 'RD_SPEEDGAMING_TOO_SOON', details: { retryAt: '2026-07-20T12:01:00.000Z' } },
  });
  t.equal(x.sg.requests.count('/api/schedule'), 1);
  await x.advance('1m');
  t.match(await x.sync(), { status: 'succeeded' });
});
