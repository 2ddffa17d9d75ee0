import { api } from '@racedesk/testkit';
import t from 'tap';
import { league } from '../helpers/league.js';

import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test('a rescheduled match moves its room; a cancelled match opens none', async (t) => {
  const rt = await racetimeTestApp(t);
  const { app, emulator, clock } = rt;
  const lg = await league(rt);
  const mario = await lg.player('Mario');
  const luigi = await lg.player('Luigi');
  const moved = await lg.match('2030-01-07T14:00:00Z', [mario, luigi], 'Moved');
  const cancelled = await lg.match('2030-01-07T14:00:00Z', [mario, luigi], 'Cancelled');

  await api(
    app,
    lg.mod,
    'POST',
    `/api/v1/orgs/league/matches/${moved}/reschedule`,
    { scheduledAt: '2030-01-07T15:30:00Z' },
    200,
  );
  await api(
    app,
    lg.mod,
    'POST',
    `/api/v1/orgs/league/matches/${cancelled}/cancel`,
    { reason: 'forfeit' },
    200,
  );
  await rt.settle();
  t.equal((await lg.room(moved)).openAt, '2030-01-07T14:30:00.000Z', 'the open time moved');

  await clock.advanceTo('2030-01-07T13:01:00Z');
  t.equal(emulator.races.list('alttpr').length, 0, 'nothing at the old open time');
  t.equal((await lg.room(moved)).status, 'pending');

  await clock.advanceTo('2030-01-07T14:30:00Z');
  const rooms = emulator.races.list('alttpr');
  t.equal(rooms.length, 1, 'one room, for the moved match');
  t.match(rooms[0]?.info_user, 'Cup - Moved');
  t.equal(rooms[0]?.opened_at, '2030-01-07T14:30:00Z');
  t.equal((await lg.room(cancelled)).status, 'pending', 'the cancelled match never got a room');
  t.equal((await lg.room(cancelled)).slug, null);
});

t.test('each failed check records a skip reason the organizer can read', async (t) => {
  const rt = await racetimeTestApp(t);
  const { app, emulator, clock } = rt;
  const lg = await league(rt, { settings: { requireLinkedAccounts: true } });
  const mario = await lg.player('Mario');
  const luigi = await lg.player('Luigi', { linked: false });
  const unlinked = await lg.match('2030-01-07T14:00:00Z', [mario, luigi], 'Unlinked');
  const switchedOff = await lg.match('2030-01-07T14:00:00Z', [mario], 'Off');
  await api(
    app,
    lg.mod,
    'PUT',
    `/api/v1/orgs/league/racetime/matches/${switchedOff}/settings`,
    { autoCreate: false },
    403,
  );
  await api(
    app,
    rt.root,
    'PUT',
    `/api/v1/orgs/league/racetime/matches/${switchedOff}/settings`,
    { autoCreate: false },
    200,
  );

  await clock.advanceTo('2030-01-07T13:00:00Z');
  t.match(await lg.room(unlinked), { status: 'skipped', skipReason: 'players_unlinked', slug: null });
  t.match((await lg.room(unlinked)).skipDetail, String(luigi.person.userId));
  t.match(await lg.room(switchedOff), { status: 'skipped', skipReason: 'match_auto_create_off' });
  t.equal(emulator.races.list('alttpr').length, 0);
  const skipped = await app.racedesk.db('events').where({ name: 'racetime.room.skipped' }).select('payload');
  t.equal(skipped.length, 2, 'one announcement per match');
  await clock.advance('3m');
  const count = await app.racedesk
    .db('events')
    .where({ name: 'racetime.room.skipped' })
    .count('* as n')
    .first();
  t.equal(Number(count?.n), 2, 'the sweep seeing the same reasons again announces nothing');

  // The bot loses its organization: a match due now records bot_not_assigned.
  await api(app, rt.root, 'DELETE', `/api/v1/racetime/bots/${lg.botId}/orgs/league`, undefined, 200);
  const late = await lg.match('2030-01-07T13:30:00Z', [mario], 'Late');
  t.match(await lg.room(late), { status: 'skipped', skipReason: 'bot_not_assigned' });
});

t.test('early checks 24 h and 2 h before the open time warn organizers', async (t) => {
  const rt = await racetimeTestApp(t);
  const { app, clock } = rt;
  const lg = await league(rt, { settings: { requireLinkedAccounts: true } });
  const mario = await lg.player('Mario');
  const luigi = await lg.player('Luigi', { linked: false });
  const matchId = await lg.match('2030-01-09T13:00:00Z', [mario, luigi]);
  await clock.advanceTo('2030-01-08T12:00:00Z');
  t.match(await lg.room(matchId), { status: 'pending', skipReason: 'players_unlinked' });
  const atRisk = await app.racedesk.db('events').where({ name: 'racetime.room.at_risk' }).pluck('payload');
  t.equal(atRisk.length, 1);
  t.match(atRisk[0], { matchId, hoursBefore: 24, reason: 'players_unlinked' });
  await clock.advanceTo('2030-01-09T10:00:00Z');
  t.equal(
    await app.racedesk
      .db('events')
      .where({ name: 'racetime.room.at_risk' })
      .count('* as n')
      .first()
      .then((r) => Number(r?.n)),
    2,
  );
});
