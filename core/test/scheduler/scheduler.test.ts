import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { examplePlugin } from '../fixtures/example-plugin/index.js';

const runsOf = async (db: import('knex').Knex, job: string) =>
  (await db('example_job_runs').where({ job }).orderBy('id')).map((r) => ({
    detail: r.detail as string,
    at: (r.ran_at as Date).toISOString(),
  }));

t.test('a one-off job runs once, at its exact time, under the test clock', async (t) => {
  const app = await createTestApp({ plugins: [examplePlugin], t });
  const { scheduler, db } = app.app.racedesk;
  const at = new Date(app.clock.now().getTime() + 60 * 60_000);
  await scheduler.schedule('example:record-note', at, { text: 'open room' }, 'match-1');

  await app.advance('59m');
  t.same(await runsOf(db, 'record-note'), [], 'not a minute early');
  await app.advance('1m');
  t.same(
    await runsOf(db, 'record-note'),
    [{ detail: 'open room', at: at.toISOString() }],
    'runs at its time',
  );
  await app.advance('2h');
  t.equal((await runsOf(db, 'record-note')).length, 1, 'and only once');
});

t.test('scheduling the same key again moves the run instead of adding one', async (t) => {
  const app = await createTestApp({ plugins: [examplePlugin], t });
  const { scheduler, db } = app.app.racedesk;
  const first = new Date(app.clock.now().getTime() + 30 * 60_000);
  const moved = new Date(app.clock.now().getTime() + 90 * 60_000);
  await scheduler.schedule('example:record-note', first, { text: 'v1' }, 'match-7');
  await scheduler.schedule('example:record-note', moved, { text: 'v2' }, 'match-7');
  t.equal(
    await db('agenda_jobs')
      .where({ name: 'example:record-note' })
      .count('* as n')
      .first()
      .then((r) => r?.n),
    1,
  );

  await app.advance('31m');
  t.same(await runsOf(db, 'record-note'), [], 'nothing at the old time');
  await app.advance('1h');
  t.same(
    await runsOf(db, 'record-note'),
    [{ detail: 'v2', at: moved.toISOString() }],
    'runs at the new time',
  );
});

t.test('a cancelled run never happens', async (t) => {
  const app = await createTestApp({ plugins: [examplePlugin], t });
  const { scheduler, db } = app.app.racedesk;
  await scheduler.schedule(
    'example:record-note',
    new Date(app.clock.now().getTime() + 60_000),
    { text: 'x' },
    'k',
  );
  t.equal(await scheduler.cancel('example:record-note', 'k'), 1);
  await app.advance('5m');
  t.same(await runsOf(db, 'record-note'), []);
});

t.test('two worker instances never run the same occurrence twice', async (t) => {
  const a = await createTestApp({ plugins: [examplePlugin], t });
  const b = await createTestApp({ plugins: [examplePlugin], database: a.database, clock: a.clock, t });
  const at = new Date(a.clock.now().getTime() + 10 * 60_000);
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).app.racedesk.scheduler.schedule('example:record-note', at, { text: `m${i}` }, `m${i}`),
    ),
  );
  // Both instances also schedule the same keys again, racing each other.
  await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? b : a).app.racedesk.scheduler.schedule('example:record-note', at, { text: `m${i}` }, `m${i}`),
    ),
  );
  for (let minute = 0; minute < 12; minute++) await a.advance('1m');
  const { db } = a.app.racedesk;
  const notes = await runsOf(db, 'record-note');
  t.equal(notes.length, 40, 'every scheduled run happened exactly once');
  t.equal(new Set(notes.map((n) => n.detail)).size, 40);
  const ticks = await runsOf(db, 'tick');
  t.equal(new Set(ticks.map((r) => r.at)).size, ticks.length, 'each recurring occurrence ran once');
  t.ok(ticks.length >= 12, `the recurring job ran every minute (${ticks.length} runs)`);
});

t.test('a failing job is retried with backoff and its failure is visible', async (t) => {
  const app = await createTestApp({ plugins: [examplePlugin], t });
  const { scheduler, db } = app.app.racedesk;
  await db.schema.renameTable('example_job_runs', 'example_job_runs_gone');
  await scheduler.schedule('example:record-note', app.clock.now(), { text: 'later' }, 'retry-me');
  await app.settle();
  const [failed] = await scheduler.list({ name: 'example:record-note' });
  t.ok(failed, 'the job is listed');
  t.ok(failed!.failCount >= 1, 'its failure is counted');
  t.match(failed!.failReason, /example_job_runs/, 'and the reason is kept');
  await db.schema.renameTable('example_job_runs_gone', 'example_job_runs');
  await app.advance('1m');
  const runs = await runsOf(db, 'record-note');
  t.same(
    runs.map((r) => r.detail),
    ['later'],
    'the retry succeeded, once',
  );
});

t.test('an api-role instance enqueues jobs; only worker instances run them', async (t) => {
  const api = await createTestApp({ plugins: [examplePlugin], role: 'api', t });
  const { db, scheduler } = api.app.racedesk;
  await scheduler.schedule('example:record-note', api.clock.now(), { text: 'queued by api' }, 'q');
  await api.advance('5m');
  t.same(await runsOf(db, 'record-note'), [], 'the api instance did not run it');
  const ready = await api.app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.json().checks.scheduler.detail, 'api role: jobs run on workers');

  const worker = await createTestApp({
    plugins: [examplePlugin],
    role: 'worker',
    database: api.database,
    clock: api.clock,
    t,
  });
  await worker.advance('1s');
  t.same(
    (await runsOf(db, 'record-note')).map((r) => r.detail),
    ['queued by api'],
    'a worker picked it up',
  );
  const routes = await worker.app.inject({ method: 'GET', url: '/api/v1/example/greeting' });
  t.equal(routes.statusCode, 404, 'workers serve health and metrics, not the API');
});
