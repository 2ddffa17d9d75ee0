import { plugin as speedgaming } from '@racedesk/plugin-speedgaming';
import { api, startSpeedGamingEmulator, TestClock } from '@racedesk/testkit';
import t from 'tap';
import { league } from '../helpers/league.js';

import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test("SpeedGaming's racetime choice becomes the imported match's auto-create override", async (t) => {
  const clock = new TestClock('2030-01-07T12:00:00Z');
  const sg = await startSpeedGamingEmulator({ clock });
  t.teardown(() => sg.close());
  sg.store.addEvent({ slug: 'alttprleague' });
  const rt = await racetimeTestApp(t, {
    clock,
    plugins: [speedgaming],
    pluginConfig: { speedgaming: { speedgamingUrl: sg.url, requestAttempts: 1, requestTimeoutMs: 2000 } },
  });
  const { app, root, emulator } = rt;
  const lg = await league(rt); // racetime: automatic rooms on, 60 minutes before
  await api(
    app,
    root,
    'PUT',
    '/api/v1/orgs/league/plugins/speedgaming',
    { enabled: true, settings: {} },
    200,
  );
  const base = `/api/v1/orgs/league/speedgaming/tournaments/${lg.tournamentId}`;
  const sgSettings = (racetimeAutoRooms: boolean) =>
    api(
      app,
      root,
      'PUT',
      `${base}/settings`,
      {
        importEnabled: true,
        eventSlugs: ['alttprleague'],
        interval: 'P1D',
        racetimeAutoRooms,
      },
      200,
    );
  const sync = async () => {
    const run = await api<{ status: string; imported: number }>(
      app,
      root,
      'POST',
      `${base}/sync`,
      undefined,
      200,
    );
    await rt.settle();
    return run;
  };
  const matchOfEpisode = async (episodeId: number) => {
    const row = await app.racedesk
      .db('events')
      .where({ name: 'speedgaming.episode.imported' })
      .whereRaw("(payload->>'episodeId')::int = ?", [episodeId])
      .first('payload');
    return Number(row.payload.matchId);
  };
  const overrideOf = async (matchId: number) =>
    (
      await api<{ autoCreate: boolean | null }>(
        app,
        root,
        'GET',
        `/api/v1/orgs/league/racetime/matches/${matchId}/settings`,
      )
    ).autoCreate;

  const off = sg.store.addEpisode({ when: '2030-01-07T15:00:00Z' });
  await sgSettings(false);
  t.match(await sync(), { status: 'succeeded', imported: 1 });
  const offMatch = await matchOfEpisode(off.id);

  await clock.advance('1m'); // SpeedGaming's poll limit
  const on = sg.store.addEpisode({ when: '2030-01-07T15:30:00Z' });
  await sgSettings(true);
  t.match(await sync(), { status: 'succeeded', imported: 1 });
  const onMatch = await matchOfEpisode(on.id);

  t.equal(await overrideOf(offMatch), false, 'auto-rooms off: the match does not auto-create');
  t.equal(await overrideOf(onMatch), true, 'auto-rooms on: the match auto-creates');
  t.match(await lg.room(onMatch), { status: 'pending', openAt: '2030-01-07T14:30:00.000Z' });

  await clock.advanceTo('2030-01-07T14:00:00Z');
  t.match(
    await lg.room(offMatch),
    { status: 'skipped', slug: null, skipReason: 'match_auto_create_off' },
    'no room for the episode imported with auto-rooms off, and the reason is readable',
  );
  await clock.advanceTo('2030-01-07T14:29:59Z');
  t.equal(emulator.races.list('alttpr').length, 0, 'no room before the open time');

  await clock.advanceTo('2030-01-07T14:30:00Z');
  const room = await lg.room(onMatch);
  t.equal(room.status, 'open');
  const race = emulator.races.require(room.slug!.split('/')[1]!);
  t.equal(race.opened_at, '2030-01-07T14:30:00Z', 'opened at the exact open time');
  t.equal(emulator.races.list('alttpr').length, 1, 'only that room');
});
