import { api, createTestDatabase } from '@racedesk/testkit';
import t from 'tap';
import { league, matchOf, raceUnderWay, until } from '../helpers/league.js';
import { type RacetimeTestApp, racetimeTestApp } from '../helpers/racetime-app.js';

const eventsNamed = (rt: RacetimeTestApp, name: string) =>
  rt.app.racedesk.db('events').where({ name }).orderBy('id').pluck('payload');

t.test('a socket dropped mid-race reconnects: nothing lost, nothing duplicated', async (t) => {
  const rt = await racetimeTestApp(t);
  const lg = await league(rt);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const { matchId, slug } = await raceUnderWay(rt, lg, [mario, luigi]);

  t.equal(rt.emulator.faults.dropSockets(slug), 1, 'the room socket is dropped');
  rt.emulator.players.finish(slug, mario.racetime.id); // while we are away
  await rt.clock.advance('2s'); // backoff
  await until('reconnected', () => rt.emulator.races.socketCount(slug) === 1);
  rt.emulator.players.forfeit(slug, luigi.racetime.id);
  const match = await until('results recorded', async () => {
    const m = await matchOf(rt, lg, matchId);
    return m.state === 'recorded' ? m : undefined;
  });
  t.match(
    match.players.find((p) => p.userId === mario.person.userId),
    { finishRank: 1, status: 'done' },
  );
  t.match(
    match.players.find((p) => p.userId === luigi.person.userId),
    { finishRank: null, status: 'dnf' },
  );
  const done = (await eventsNamed(rt, 'racetime.entrant.status_changed')).filter(
    (p: { newStatus: string }) => p.newStatus === 'done',
  );
  t.equal(done.length, 1, 'the finish seen while away is announced once');
  t.equal(
    (await eventsNamed(rt, 'racetime.entrant.joined')).length,
    0,
    'the reconnect baseline announces no joins',
  );
  t.equal((await eventsNamed(rt, 'racetime.entrant.left')).length, 0, 'and no leaves');
  const statuses = (await eventsNamed(rt, 'racetime.race.status_changed')).map(
    (p: { newStatus: string }) => p.newStatus,
  );
  t.same(statuses, ['pending', 'in_progress', 'finished']);
});

t.test(
  'the bot token expires mid-race: the socket moves to a new token and commands still answer',
  async (t) => {
    const rt = await racetimeTestApp(t);
    const lg = await league(rt);
    const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
    const { matchId, slug } = await raceUnderWay(rt, lg, [mario, luigi]);
    t.ok(rt.emulator.faults.expireTokens({ clientId: lg.bot.clientId }) > 0);
    rt.emulator.players.say(slug, mario.racetime.id, '!status');
    const reply = await rt.emulator.log.waitForChat(
      (c) => c.slug === slug && c.message.is_bot && /^Race in progress/.test(c.message.message),
    );
    t.match(reply.message.message, '2 entrants');
    rt.emulator.players.finish(slug, mario.racetime.id);
    rt.emulator.players.finish(slug, luigi.racetime.id);
    await until('results recorded', async () => (await matchOf(rt, lg, matchId)).state === 'recorded');
  },
);

t.test('after a restart the rooms in progress are rejoined and their results recorded', async (t) => {
  // The database outlives the first process (a test app drops a database it created when it closes).
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const first = await racetimeTestApp(t, { instanceId: 'before', database });
  const lg = await league(first);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const { matchId, slug } = await raceUnderWay(first, lg, [mario, luigi]);
  await first.close();
  t.equal(first.emulator.races.socketCount(slug), 0, 'nobody follows the room while down');
  first.emulator.players.finish(slug, luigi.racetime.id);
  await first.clock.advance('2s');
  first.emulator.players.finish(slug, mario.racetime.id);

  const second = await racetimeTestApp(t, {
    instanceId: 'after',
    clock: first.clock,
    emulator: first.emulator,
    database,
  });
  await until('rejoined', () => second.emulator.races.socketCount(slug) === 1);
  const match = await until('results recorded', async () => {
    const m = await matchOf(second, lg, matchId);
    return m.state === 'recorded' ? m : undefined;
  });
  t.match(
    match.players.find((p) => p.userId === luigi.person.userId),
    { finishRank: 1, status: 'done' },
  );
  t.match(
    match.players.find((p) => p.userId === mario.person.userId),
    { finishRank: 2, status: 'done' },
  );
  const joined = await eventsNamed(second, 'racetime.bot.joined_race');
  t.equal(joined.length, 2, 'joined once before and once after the restart');
});

t.test(
  'more rooms than one lease renewal takes: every lease is renewed, and another instance takes them all over',
  async (t) => {
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    const a = await racetimeTestApp(t, { instanceId: 'instance-a', database });
    const lg = await league(a);
    const mario = await lg.player('Mario');
    const ids: number[] = [];
    for (let i = 0; i < 130; i++) ids.push(await lg.match('2030-01-07T14:00:00Z', [mario], `Match ${i}`));
    await a.clock.advanceTo('2030-01-07T13:00:00Z');
    const openedAt = a.clock.now().getTime();
    const rooms = (rt: RacetimeTestApp) =>
      rt.app.racedesk
        .db('racetime_match_rooms')
        .whereIn('match_id', ids)
        .select<Array<{ slug: string | null; lease_holder: string | null; lease_expires_at: Date }>>(
          'slug',
          'lease_holder',
          'lease_expires_at',
        );
    // Every room held by `rt` and followed by exactly one socket.
    const followedBy = (rt: RacetimeTestApp, holder: string) => async () =>
      (await rooms(rt)).every(
        (r) =>
          r.slug && r.lease_holder === holder && rt.emulator.races.socketCount(r.slug.split('/')[1]!) === 1,
      );
    await until('130 rooms open, each followed by one socket of instance-a', followedBy(a, 'instance-a'));

    const b = await racetimeTestApp(t, {
      instanceId: 'instance-b',
      clock: a.clock,
      emulator: a.emulator,
      database,
    });
    await a.clock.advance('40s');
    await until('every lease renewed after the rooms opened', async () =>
      (await rooms(a)).every((r) => r.lease_expires_at.getTime() > openedAt + 30_000),
    );
    t.ok(await followedBy(a, 'instance-a')(), 'instance-a still holds and follows every room');

    await a.close();
    await b.clock.advance('10s');
    await until('instance-b follows every room', followedBy(b, 'instance-b'));
  },
);

t.test(
  'an entrant who links their account during the race is resolved from the next lease round on',
  async (t) => {
    const rt = await racetimeTestApp(t);
    const lg = await league(rt, { settings: { autoCreateRooms: false } });
    const mario = await lg.player('Mario');
    const luigi = await lg.player('Luigi', { linked: false });
    const matchId = await lg.match('2030-01-07T14:00:00Z', [mario, luigi]);
    const room = await api<{ slug: string }>(
      rt.app,
      lg.mod,
      'POST',
      `/api/v1/orgs/${lg.org.slug}/racetime/matches/${matchId}/room`,
      { invitational: false },
      201,
    );
    const slug = room.slug.split('/')[1]!;
    await until('followed', () => rt.emulator.races.socketCount(slug) === 1);
    const luigis = async () =>
      (await eventsNamed(rt, 'racetime.entrant.status_changed')).filter(
        (p: { racetimeUserId: string }) => p.racetimeUserId === luigi.racetime.id,
      );
    rt.emulator.players.join(slug, luigi.racetime.id);
    await until('Luigi joined', async () => (await eventsNamed(rt, 'racetime.entrant.joined')).length === 1);
    rt.emulator.players.ready(slug, luigi.racetime.id);
    await until('Luigi ready', async () => (await luigis()).length === 1);
    t.match(
      (await luigis())[0],
      { newStatus: 'ready', userId: null, resolvedAs: 'unknown' },
      'not linked yet',
    );

    await rt.app.racedesk.db('racetime_account_links').insert({
      user_id: luigi.person.userId,
      racetime_id: luigi.racetime.id,
      racetime_name: luigi.racetime.name,
      access_token: 'encrypted-elsewhere',
      linked_at: rt.clock.now(),
    });
    // Leases are renewed every third of the lease time (30 s by default); the links are read with them.
    await rt.clock.advance('10s');
    rt.emulator.players.unready(slug, luigi.racetime.id);
    await until('Luigi not ready', async () => (await luigis()).length === 2);
    t.match(
      (await luigis())[1],
      { newStatus: 'not_ready', userId: luigi.person.userId, resolvedAs: 'linked' },
      'linked mid-race: resolved once the lease round read the links again',
    );
  },
);
