import { api, createTestDatabase } from '@racedesk/testkit';
import t from 'tap';
import { league, until } from '../helpers/league.js';

import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test(
  'an api instance opens no sockets and runs no jobs: rooms are opened and held by workers',
  async (t) => {
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    const web = await racetimeTestApp(t, { instanceId: 'web', role: 'api', database });
    const { emulator } = web;
    const lg = await league(web);
    const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
    const due = await lg.match('2030-01-07T12:30:00Z', [mario, luigi], 'Due now');
    const byHand = await lg.match('2030-01-08T12:00:00Z', [mario, luigi], 'Opened by hand');
    const later = await lg.match('2030-01-09T12:00:00Z', [mario, luigi], 'Opened by hand later');
    const openByHand = async (matchId: number) =>
      (
        await api<{ slug: string }>(
          web.app,
          lg.mod,
          'POST',
          `/api/v1/orgs/league/racetime/matches/${matchId}/room`,
          {},
        )
      ).slug.split('/')[1]!;
    const sockets = () => emulator.log.requests.filter((r) => r.path.startsWith('/ws/'));

    await web.clock.advance('2m');
    t.equal(emulator.races.list('alttpr').length, 0, 'nothing opens on an api instance alone');
    t.equal((await lg.room(due)).status, 'pending', 'the due room waits for a worker');

    // A moderator's "open now" reaches the api instance: it opens the room but does not hold it.
    const first = await openByHand(byHand);
    await web.clock.advance('1m');
    t.equal(sockets().length, 0, 'the api instance opened no socket');
    const unheld = await web.app.racedesk.db('racetime_match_rooms').where({ match_id: byHand }).first();
    t.equal(unheld.lease_holder, null, 'and holds no lease');
    t.equal(emulator.races.require(first).entrants.length, 0, 'nobody invited yet');

    const worker = await racetimeTestApp(t, {
      instanceId: 'worker',
      role: 'worker',
      database,
      clock: web.clock,
      emulator,
    });
    await until('the worker follows the room opened by hand', () => emulator.races.socketCount(first) === 1);
    await until('and invites its players', () => emulator.races.require(first).entrants.length === 2);
    await worker.settle();
    const dueRoom = await until('the worker opens the due room', async () => {
      const room = await lg.room(due);
      return room.status === 'open' ? room : undefined;
    });
    await until('and follows it', () => emulator.races.socketCount(dueRoom.slug!.split('/')[1]!) === 1);

    // With a worker running, a room opened on the api instance is taken at once (no lease round waited for).
    const second = await openByHand(later);
    await until('the worker follows it at once', () => emulator.races.socketCount(second) === 1);
    const holders = await web.app.racedesk
      .db('racetime_match_rooms')
      .orderBy('match_id')
      .pluck('lease_holder');
    t.same(holders, ['worker', 'worker', 'worker'], 'every room held by the worker');
  },
);
