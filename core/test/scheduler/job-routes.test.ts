import { createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';
import { examplePlugin } from '../fixtures/example-plugin/index.js';

interface Job {
  name: string;
  state: string;
  nextRunAt: string | null;
  failCount: number;
  failReason: string | null;
}

t.test('GET /api/v1/jobs: scheduled and failed jobs with the last error, for superadmins', async (t) => {
  const test = await createTestApp({ plugins: [examplePlugin], rateLimits: false, t });
  const { app, clock } = test;
  const { scheduler, db } = app.racedesk;
  const root = await signIn(app, { superadmin: true });
  const someone = await signIn(app);
  const later = new Date(clock.now().getTime() + 3600_000);
  await scheduler.schedule('example:record-note', later, { text: 'open room' }, 'match-1');
  // The job's table is gone: its run fails and the error is kept.
  await db.schema.renameTable('example_job_runs', 'example_job_runs_gone');
  await scheduler.schedule('example:record-note', clock.now(), { text: 'now' }, 'match-2');
  await test.settle();
  await db.schema.renameTable('example_job_runs_gone', 'example_job_runs');

  const get = (qs = '', headers = root.headers) =>
    app.inject({ method: 'GET', url: `/api/v1/jobs${qs}`, headers });
  const all = await get('?name=example:record-note');
  t.equal(all.statusCode, 200, all.body);
  const jobs = all.json().items as Job[];
  t.equal(jobs.length, 2, 'both runs of the job');
  t.match(
    jobs.find((j) => j.nextRunAt === later.toISOString()),
    { name: 'example:record-note', state: 'scheduled', failCount: 0, failReason: null },
    'the scheduled run, with its time',
  );
  // Retried soon after failing, it may show as locked (running) or queued: the last error stays on it.
  t.match(
    jobs.find((j) => j.failCount > 0),
    { name: 'example:record-note', failReason: /example_job_runs/ },
    'the failed run, with its last error',
  );
  const scheduled = await get('?state=scheduled');
  t.same(
    (scheduled.json().items as Job[]).map((j) => [j.name, j.nextRunAt]),
    [['example:record-note', later.toISOString()]],
    'filtered by state',
  );

  const first = await get('?limit=1');
  t.equal(first.json().items.length, 1);
  const names: string[] = [first.json().items[0].name];
  let cursor: string | null = first.json().nextCursor;
  while (cursor) {
    const next = await get(`?limit=1&cursor=${cursor}`);
    names.push(...next.json().items.map((j: Job) => j.name));
    cursor = next.json().nextCursor;
  }
  const total = (await get('?limit=100')).json().items.length;
  t.equal(names.length, total, 'paging by cursor reaches every job once');
  t.equal((await get('?cursor=nope')).statusCode, 400, 'a bad cursor is refused');
  t.equal((await get('', someone.headers)).statusCode, 403, 'other users are refused');
  t.equal((await app.inject({ method: 'GET', url: '/api/v1/jobs' })).statusCode, 401);
  // Let the retry run (the table is back) so nothing is in flight at teardown.
  await test.advance('1m');
});
