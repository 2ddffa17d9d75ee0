import { api } from '@racedesk/testkit';
import t, { type Test } from 'tap';
import { insertEpisodes, referenceEpisode } from '../fixtures/reference-episodes.js';
import {
  crewOf,
  eventsAfter,
  lastEventId,
  type MatchBody,
  matchesOf,
  payloadsAfter,
  type SgTestApp,
  sgTestApp,
} from '../helpers/sg-app.js';

const EPISODE = 512345;

/** The reference episode a day ahead (race start 30 min before airtime), imported once. */
async function imported(t: Test) {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [
    { ...referenceEpisode(), when: '2026-07-21T18:00:00+00:00', whenCountdown: '2026-07-21T17:30:00+00:00' },
  ]);
  const first = await x.sync();
  t.equal(first.imported, 1);
  const [match] = await matchesOf(x);
  return { x, match: match! };
}

const matchOf = async (x: SgTestApp, id: number) =>
  api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${id}`);

t.test('a re-import with no change writes nothing and emits no events', async (t) => {
  const { x, match } = await imported(t);
  const before = await x.app.racedesk.db('matches').where({ id: match.id }).first('updated_at');
  const mark = await lastEventId(x);
  const run = await x.resync();
  t.match(run, { status: 'succeeded', imported: 0, updated: 0, unchanged: 1, cancelled: 0, errors: 0 });
  t.same(await eventsAfter(x, mark), [], 'no match, crew or user events');
  const after = await x.app.racedesk.db('matches').where({ id: match.id }).first('updated_at');
  t.same(after.updated_at, before.updated_at, 'the match row was not touched');
  t.equal((await matchesOf(x)).length, 1, 'still one match');
});

t.test('a reschedule moves the match and emits core.match.rescheduled', async (t) => {
  const { x, match } = await imported(t);
  x.sg.store.reschedule(EPISODE, '2026-07-22T20:00:00+00:00');
  const mark = await lastEventId(x);
  const run = await x.resync();
  t.match(run, { updated: 1, unchanged: 0 });
  t.same(await eventsAfter(x, mark), ['core.match.rescheduled']);
  const [payload] = await payloadsAfter(x, 'core.match.rescheduled', mark);
  t.match(payload, {
    previousScheduledAt: '2026-07-21T17:30:00.000Z',
    scheduledAt: '2026-07-22T19:30:00.000Z',
  });
  t.equal((await matchOf(x, match.id)).scheduledAt, '2026-07-22T19:30:00.000Z', 'race start follows');
});

t.test('a new title updates the match with core.match.updated', async (t) => {
  const { x, match } = await imported(t);
  x.sg.store.updateEpisode(EPISODE, { title: 'Grand Final' });
  const mark = await lastEventId(x);
  t.match(await x.resync(), { updated: 1 });
  t.same(await eventsAfter(x, mark), ['core.match.updated']);
  const [payload] = await payloadsAfter<{ changed: string[] }>(x, 'core.match.updated', mark);
  t.same(payload!.changed, ['title']);
  t.equal((await matchOf(x, match.id)).title, 'Grand Final');
});

t.test('players joining and leaving change the roster with core.match.players_changed', async (t) => {
  const { x, match } = await imported(t);
  x.sg.store.removePlayer(EPISODE, 5001);
  x.sg.store.addPlayer(EPISODE, { displayName: 'Peach', discordId: '', streamingFrom: 'peach_tv' });
  const mark = await lastEventId(x);
  t.match(await x.resync(), { updated: 1 });
  t.same(await eventsAfter(x, mark), ['core.match.players_changed']);
  const after = await matchOf(x, match.id);
  t.same(
    after.players.map((p) => p.displayName),
    ['luigi_tv', 'peach_tv'],
    'SpeedGaming order',
  );
  const [payload] = await payloadsAfter<{ added: number[]; removed: number[] }>(
    x,
    'core.match.players_changed',
    mark,
  );
  t.same(payload!.removed, [match.players[0]!.userId], 'Mario left');
  t.same(payload!.added, [after.players[1]!.userId], 'Peach joined');
});

t.test('crew sign-ups, approvals and withdrawals follow SpeedGaming with crew events', async (t) => {
  const { x, match } = await imported(t);
  t.same(
    (await crewOf(x, match.id)).map((c) => `${c.role}:${c.displayName}`).sort(),
    ['commentator:casterone', 'restreamer:restreamerone', 'tracker:trackerone'],
    'approved crew only',
  );

  x.sg.store.setCrewFlags(EPISODE, 'commentators', 6002, { approved: true });
  x.sg.store.setCrewFlags(EPISODE, 'trackers', 6003, { approved: false });
  x.sg.store.addCrew(EPISODE, 'commentators', { displayName: 'Pending', approved: false });
  const mark = await lastEventId(x);
  t.match(await x.resync(), { updated: 1 });
  t.same(
    (await eventsAfter(x, mark)).sort(),
    ['core.crew.approved', 'core.crew.removed', 'core.crew.signed_up'],
    'CasterTwo approved in, TrackerOne out, the pending signup ignored',
  );
  t.same((await crewOf(x, match.id)).map((c) => `${c.role}:${c.displayName}`).sort(), [
    'commentator:casterone',
    'commentator:castertwo',
    'restreamer:restreamerone',
  ]);

  x.sg.store.removeCrew(EPISODE, 'broadcasters', 6004);
  const mark2 = await lastEventId(x);
  await x.resync();
  t.same(await eventsAfter(x, mark2), ['core.crew.removed'], 'a crew member dropped on SpeedGaming');
});

t.test('a new restream channel is created by name and set on the match', async (t) => {
  const { x, match } = await imported(t);
  x.sg.store.setChannels(EPISODE, [{ name: 'SpeedGaming2', slug: 'speedgaming2' }]);
  const mark = await lastEventId(x);
  t.match(await x.resync(), { updated: 1 });
  t.same(await eventsAfter(x, mark), ['core.match.updated']);
  const channels = await api<{ items: { id: number; name: string; url: string }[] }>(
    x.app,
    x.root,
    'GET',
    `/api/v1/orgs/${x.org}/stream-channels`,
  );
  const sg2 = channels.items.find((c) => c.name === 'SpeedGaming2');
  t.match(sg2, { url: 'https://twitch.tv/speedgaming2' });
  t.equal((await matchOf(x, match.id)).streamChannelId, sg2!.id);
});

t.test('a finished match is never changed by an import', async (t) => {
  const { x, match } = await imported(t);
  await api(
    x.app,
    x.root,
    'POST',
    `/api/v1/orgs/${x.org}/matches/${match.id}/state`,
    { state: 'started' },
    200,
  );
  await api(
    x.app,
    x.root,
    'POST',
    `/api/v1/orgs/${x.org}/matches/${match.id}/state`,
    { state: 'finished' },
    200,
  );
  x.sg.store.reschedule(EPISODE, '2026-07-23T18:00:00+00:00');
  x.sg.store.removePlayer(EPISODE, 5002);
  const mark = await lastEventId(x);
  const run = await x.resync();
  t.match(run, { updated: 0, skipped: 1, errors: 0 });
  t.same(await eventsAfter(x, mark), []);
  const after = await matchOf(x, match.id);
  t.equal(after.scheduledAt, match.scheduledAt);
  t.equal(after.players.length, 2);
});
