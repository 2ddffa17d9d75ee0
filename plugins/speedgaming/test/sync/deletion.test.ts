import { api } from '@racedesk/testkit';
import t, { type Test } from 'tap';
import { insertEpisodes, referenceDoubleheader, referenceEpisode } from '../fixtures/reference-episodes.js';
import { eventsAfter, lastEventId, type MatchBody, matchesOf, sgTestApp } from '../helpers/sg-app.js';

const SINGLE = 512345;
const DOUBLE = 512346;
const ahead = { when: '2026-07-21T18:00:00+00:00', whenCountdown: '2026-07-21T17:30:00+00:00' };

/** Two episodes a day ahead, imported once. */
async function imported(t: Test) {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [
    { ...referenceEpisode(), ...ahead },
    { ...referenceDoubleheader(), ...ahead },
  ]);
  t.match(await x.sync(), { imported: 2 });
  const matches = await matchesOf(x);
  const single = matches.find((m) => m.players.length === 2)!;
  const double = matches.find((m) => m.players.length === 3)!;
  return { x, single, double };
}

const stateOf = async (x: Awaited<ReturnType<typeof imported>>['x'], id: number) =>
  (await api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${id}`)).state;

t.test('an episode SpeedGaming confirms deleted cancels its match, once', async (t) => {
  const { x, single, double } = await imported(t);
  x.sg.store.deleteEpisode(SINGLE);
  const mark = await lastEventId(x);
  const run = await x.resync();
  t.match(run, { status: 'succeeded', cancelled: 1, unchanged: 1, errors: 0 });
  t.equal(await stateOf(x, single.id), 'cancelled');
  t.equal(await stateOf(x, double.id), 'scheduled', 'the other episode is untouched');
  t.same(await eventsAfter(x, mark), ['core.match.cancelled']);
  t.ok(
    x.sg.requests.filter('/api/episode').some((r) => r.query.id === String(SINGLE)),
    'the deletion was checked with the episode endpoint',
  );

  const mark2 = await lastEventId(x);
  t.match(await x.resync(), { cancelled: 0, errors: 0 });
  t.same(await eventsAfter(x, mark2), [], 'a cancelled match is not cancelled again');
});

t.test('an outage of the schedule changes nothing and is recorded', async (t) => {
  const { x, single, double } = await imported(t);
  const faults: [string, () => void][] = [
    ['HTTP 503', () => x.sg.faults.serverError({ path: '/api/schedule' })],
    ['{"error"} body', () => x.sg.faults.errorBody({ path: '/api/schedule', message: 'Database error.' })],
    ['cut-off JSON', () => x.sg.faults.malformedJson({ path: '/api/schedule' })],
    ['no answer', () => x.sg.faults.hang({ path: '/api/schedule' })],
  ];
  // The whole schedule is gone from SpeedGaming's answers: only an outage may explain it.
  x.sg.store.deleteEpisode(SINGLE);
  x.sg.store.deleteEpisode(DOUBLE);
  for (const [name, arm] of faults) {
    arm();
    const mark = await lastEventId(x);
    const run = await x.resync();
    t.match(run, { status: 'failed', imported: 0, updated: 0, cancelled: 0 }, name);
    t.match(run.error, /SpeedGaming/, `${name}: the reason is recorded`);
    t.same(await eventsAfter(x, mark), [], `${name}: no events`);
    t.equal(await stateOf(x, single.id), 'scheduled', `${name}: nothing cancelled`);
    t.equal(await stateOf(x, double.id), 'scheduled');
  }
  const syncs = await api<{ items: { status: string; error: string | null }[] }>(
    x.app,
    x.root,
    'GET',
    `/api/v1/orgs/${x.org}/speedgaming/syncs`,
  );
  t.same(
    syncs.items.slice(0, 4).map((s) => s.status),
    ['failed', 'failed', 'failed', 'failed'],
    'organizers see each failed run',
  );
  t.ok(
    syncs.items.every((s) => s.status !== 'failed' || s.error),
    'with its reason',
  );
});

t.test('a vanished episode whose deletion cannot be confirmed is kept and retried', async (t) => {
  const { x, single } = await imported(t);
  x.sg.store.deleteEpisode(SINGLE);
  x.sg.faults.serverError({ path: '/api/episode' });
  const run = await x.resync();
  t.match(run, { status: 'partial', cancelled: 0, errors: 1 });
  t.match(run.rejections, [{ episodeId: SINGLE, reason: /could not confirm its deletion/ }]);
  t.equal(await stateOf(x, single.id), 'scheduled', 'not cancelled on an outage');

  t.match(await x.resync(), { status: 'succeeded', cancelled: 1 }, 'the next run confirms it');
  t.equal(await stateOf(x, single.id), 'cancelled');
});

t.test('an episode moved out of the window is updated, not cancelled', async (t) => {
  const { x, single } = await imported(t);
  x.sg.store.reschedule(SINGLE, '2026-08-30T18:00:00+00:00');
  const mark = await lastEventId(x);
  const run = await x.resync();
  t.match(run, { cancelled: 0, updated: 1, errors: 0 });
  t.same(await eventsAfter(x, mark), ['core.match.rescheduled']);
  const match = await api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${single.id}`);
  t.match(match, { state: 'scheduled', scheduledAt: '2026-08-30T17:30:00.000Z' });
});
