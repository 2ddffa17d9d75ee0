import t from 'tap';
import { insertEpisodes, referenceEpisode } from '../fixtures/reference-episodes.js';
import { matchesOf, type SgTestApp, type SyncBody, sgTestApp } from '../helpers/sg-app.js';

const ahead = { when: '2026-07-21T18:00:00+00:00', whenCountdown: '2026-07-21T17:30:00+00:00' };

/** Runs a sync while moving the test clock on, so retries inside the run wait on test time only. */
async function syncAdvancing(x: SgTestApp, step = '1s'): Promise<{ record: SyncBody; advanced: number }> {
  let done = false;
  const run = x.sync().finally(() => {
    done = true;
  });
  let advanced = 0;
  for (; !done && advanced < 600; advanced++) await x.advance(step);
  return { record: await run, advanced };
}

t.test('a 5xx inside a run is retried after a backoff on the clock, and the run succeeds', async (t) => {
  const x = await sgTestApp(t, { requestAttempts: 3 });
  insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
  x.sg.faults.serverError({ path: '/api/schedule', status: 502, times: 2 });
  const startedAt = x.clock.now().getTime();
  const { record, advanced } = await syncAdvancing(x);
  t.match(record, { status: 'succeeded', imported: 1, errors: 0, error: null });
  t.same(
    x.sg.requests.filter('/api/schedule').map((r) => r.status),
    [502, 502, 200],
    'two retries inside the one run',
  );
  // Backoff 1 s then 2 s, each half fixed and half jittered: at least 1.5 s of clock time passed.
  t.ok(x.clock.now().getTime() - startedAt >= 1500, 'the retries waited 1.5 s or more of clock time');
  // Real sleeps (1.5 s to 3 s) would take hundreds of these one-second steps to get through.
  t.ok(advanced < 30, `the run went on as soon as the clock moved (${advanced} steps)`);
  t.equal((await matchesOf(x)).length, 1);
});

t.test('retries running out fail the run with nothing changed', async (t) => {
  const x = await sgTestApp(t, { requestAttempts: 3 });
  insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
  x.sg.faults.serverError({ path: '/api/schedule', times: 5 });
  const { record } = await syncAdvancing(x);
  t.match(record, { status: 'failed', imported: 0, error: /after 3 attempt/ });
  t.equal(x.sg.requests.count('/api/schedule'), 3);
  t.same(await matchesOf(x), []);
});
