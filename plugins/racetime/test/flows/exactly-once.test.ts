import t from 'tap';
import { league, until } from '../helpers/league.js';
import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test('two instances racing to open the same 50 rooms open one room each', async (t) => {
  const a = await racetimeTestApp(t, { instanceId: 'instance-a' });
  const b = await racetimeTestApp(t, {
    instanceId: 'instance-b',
    clock: a.clock,
    emulator: a.emulator,
    database: a.database,
  });
  const lg = await league(a);
  const mario = await lg.player('Mario');
  const luigi = await lg.player('Luigi');
  const ids: number[] = [];
  for (let i = 0; i < 50; i++) ids.push(await lg.match('2030-01-07T14:00:00Z', [mario, luigi], `Match ${i}`));

  await a.clock.advanceTo('2030-01-07T12:59:59Z');
  // At the open time both instances run jobs, and a moderator also presses "open" on both at once.
  const presses = ids.flatMap((id) =>
    [a, b].map((app) =>
      app.app.inject({
        method: 'POST',
        url: `/api/v1/orgs/league/racetime/matches/${id}/room`,
        headers: lg.mod.headers,
        payload: {},
      }),
    ),
  );
  const [responses] = await Promise.all([Promise.all(presses), a.clock.advanceTo('2030-01-07T13:00:00Z')]);
  t.ok(
    responses.every((r) => r.statusCode === 201 || r.statusCode === 409),
    'each press opened the room or was told it exists',
  );
  await a.clock.advance('1m');

  const races = a.emulator.races.list('alttpr');
  t.equal(races.length, 50, 'exactly 50 rooms');
  const markers = new Set(races.map((r) => /\[rd:m(\d+)\./.exec(r.info_bot ?? '')?.[1]));
  t.equal(markers.size, 50, 'one room per match');
  const rows = await a.app.racedesk.db('racetime_match_rooms').whereIn('match_id', ids).pluck('slug');
  t.equal(new Set(rows.filter(Boolean)).size, 50, 'every match linked to its own room');
  const holders = await a.app.racedesk
    .db('racetime_match_rooms')
    .whereIn('match_id', ids)
    .pluck('lease_holder');
  t.ok(
    holders.every((h: string | null) => h === 'instance-a' || h === 'instance-b'),
    'each room held by one instance',
  );
  await until('every room followed by exactly one socket', () =>
    races.every((r) => a.emulator.races.socketCount(r.slug) === 1),
  );
});

t.test(
  'startrace times out after racetime.gg created the room: the room is found by its marker',
  async (t) => {
    const rt = await racetimeTestApp(t);
    const { app, emulator, clock } = rt;
    const lg = await league(rt, { settings: { autoCreateRooms: false } });
    const mario = await lg.player('Mario');
    const matchId = await lg.match('2030-01-07T14:00:00Z', [mario]);
    emulator.faults.hangAfterNext('/o/alttpr/startrace');
    const pending = app.inject({
      method: 'POST',
      url: `/api/v1/orgs/league/racetime/matches/${matchId}/room`,
      headers: lg.mod.headers,
      payload: {},
    });
    await emulator.log.waitForRequest((r) => r.path === '/o/alttpr/startrace');
    await clock.advance('11s');
    const res = await pending;
    t.equal(res.statusCode, 201, 'the timed-out startrace is resolved from category data');
    t.equal(emulator.races.list('alttpr').length, 1, 'no second room');
    t.equal(res.json().slug, `alttpr/${emulator.races.list('alttpr')[0]?.slug}`);
  },
);

t.test(
  'a crash between startrace and saving the slug: the sweep adopts the room instead of opening another',
  async (t) => {
    const rt = await racetimeTestApp(t);
    const { app, emulator, clock } = rt;
    const lg = await league(rt);
    const mario = await lg.player('Mario');
    const matchId = await lg.match('2030-01-07T12:45:00Z', [mario]);
    await clock.advance('1s');
    t.equal(emulator.races.list('alttpr').length, 1, 'due at once: opened');
    // Rewind the row to what a crash right after startrace leaves behind: a claim with the marker.
    const [row] = await app.racedesk
      .db('racetime_match_rooms')
      .where({ match_id: matchId })
      .update({
        status: 'opening',
        slug: null,
        claimed_by: 'crashed',
        claimed_at: clock.now(),
        lease_holder: null,
      })
      .returning('marker');
    await clock.advance('3m');
    t.equal(emulator.races.list('alttpr').length, 1, 'still one room');
    const room = await lg.room(matchId);
    t.equal(room.status, 'open');
    t.match(emulator.races.require(room.slug!.split('/')[1]!).info_bot, row.marker);
  },
);
