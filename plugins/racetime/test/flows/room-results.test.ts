import { api } from '@racedesk/testkit';
import t from 'tap';
import { league, matchOf, raceUnderWay, until } from '../helpers/league.js';
import { neighbourPlugin } from '../helpers/neighbour-plugin.js';

import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test(
  'a race cancelled on racetime.gg: room unlinked, match back to scheduled, organizers told',
  async (t) => {
    const neighbour = neighbourPlugin();
    const rt = await racetimeTestApp(t, { plugins: [neighbour.plugin] });
    const lg = await league(rt);
    const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
    const { matchId, slug } = await raceUnderWay(rt, lg, [mario, luigi]);

    // Everyone forfeits: racetime.gg cancels the race.
    rt.emulator.players.forfeit(slug, mario.racetime.id);
    rt.emulator.players.forfeit(slug, luigi.racetime.id);
    t.equal(rt.emulator.races.require(slug).status.value, 'cancelled');
    const room = await until('the room is unlinked', async () => {
      const r = await lg.room(matchId);
      return r.status === 'cancelled' ? r : undefined;
    });
    t.equal(room.slug, null, 'no room linked to the match any more');
    t.equal(room.url, null);
    const match = await matchOf(rt, lg, matchId);
    t.equal(match.state, 'scheduled', 'the match is back to scheduled');
    t.ok(
      match.players.every((p) => p.finishRank === null && p.status === null),
      'no results were recorded',
    );
    await until('the bot stops following the room', () => rt.emulator.races.socketCount(slug) === 0);

    await rt.clock.advance('1s'); // delivery jobs
    const told = neighbour.sent.filter((n) => n.eventType === 'racetime.room.cancelled');
    t.same(
      told.map((n) => n.userId).sort(),
      [rt.root.userId, lg.mod.userId].sort(),
      'the organizers (owner and moderator) are notified, once each',
    );
    t.notOk(
      neighbour.sent.some(
        (n) => n.eventType === 'racetime.room.cancelled' && n.userId === mario.person.userId,
      ),
      'players are not',
    );
    t.match(told[0]?.payload, { matchId, roomSlug: `alttpr/${slug}` });

    // A moderator can open a new room for the rescheduled match.
    const reopened = await api<{ slug: string }>(
      rt.app,
      lg.mod,
      'POST',
      `/api/v1/orgs/${lg.org.slug}/racetime/matches/${matchId}/room`,
      {},
    );
    t.not(reopened.slug, `alttpr/${slug}`, 'a second room can be opened by hand');
  },
);

t.test('a finish changed after an entrant undid it is recorded as an audited correction', async (t) => {
  const rt = await racetimeTestApp(t);
  const lg = await league(rt);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const { matchId, slug } = await raceUnderWay(rt, lg, [mario, luigi]);
  const { players } = rt.emulator;

  // Steps shorter than the sockets' 30 s quiet-spell ping, so no liveness probe races the test clock.
  players.finish(slug, mario.racetime.id);
  await rt.clock.advance('20s');
  players.finish(slug, luigi.racetime.id);
  const first = await until('results recorded', async () => {
    const m = await matchOf(rt, lg, matchId);
    return m.state === 'recorded' ? m : undefined;
  });
  const rankOf = (m: typeof first, userId: number) => m.players.find((p) => p.userId === userId)?.finishRank;
  t.equal(rankOf(first, mario.person.userId), 1);
  t.equal(rankOf(first, luigi.person.userId), 2);

  // Mario's finish was a misclick: he undoes it (the race re-opens), then really finishes after Luigi.
  await rt.clock.advance('20s');
  players.undone(slug, mario.racetime.id);
  await until('race running again', async () => (await lg.room(matchId)).status === 'in_progress');
  await rt.clock.advance('20s');
  players.finish(slug, mario.racetime.id);
  const corrected = await until('results corrected', async () => {
    const m = await matchOf(rt, lg, matchId);
    return rankOf(m, mario.person.userId) === 2 ? m : undefined;
  });
  t.equal(corrected.state, 'recorded');
  t.equal(rankOf(corrected, luigi.person.userId), 1, 'Luigi now won');
  t.match(corrected.players.find((p) => p.userId === mario.person.userId)?.finishTime, /^PT/);

  // Mario undoes once more and finishes later: still second, but his time changed.
  const time = (m: typeof first) => m.players.find((p) => p.userId === mario.person.userId)?.finishTime;
  const before = time(corrected);
  await rt.clock.advance('10s');
  players.undone(slug, mario.racetime.id);
  await until('race running again', async () => (await lg.room(matchId)).status === 'in_progress');
  await rt.clock.advance('15s');
  players.finish(slug, mario.racetime.id);
  const retimed = await until('the new time recorded', async () => {
    const m = await matchOf(rt, lg, matchId);
    return time(m) !== before ? m : undefined;
  });
  t.equal(rankOf(retimed, mario.person.userId), 2, 'same place');
  const seconds = (d?: string | null) => {
    const [, m = '0', sec = '0'] = /^PT(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(d ?? '') ?? [];
    return Number(m) * 60 + Number(sec);
  };
  t.equal(seconds(time(retimed)) - seconds(before), 25, 'his new time, 25 s later');

  const audit = await api<{ items: Array<{ action: string; details: Record<string, unknown> }> }>(
    rt.app,
    rt.root,
    'GET',
    `/api/v1/orgs/${lg.org.slug}/audit`,
  );
  const corrections = audit.items.filter((e) => e.action === 'match.results_corrected');
  t.equal(corrections.length, 2, 'one audited correction per changed finish');
  t.match(corrections[0]?.details, { reason: /undid a finish/ });
  t.equal(audit.items.filter((e) => e.action === 'match.results_recorded').length, 1, 'recorded once');

  // The same race.data again (a reconnect) changes nothing.
  t.equal(rt.emulator.faults.dropSockets(slug), 1);
  await rt.clock.advance('2s');
  await until('reconnected', () => rt.emulator.races.socketCount(slug) === 1);
  await rt.app.racedesk.bus.idle();
  const again = await api<{ items: Array<{ action: string }> }>(
    rt.app,
    rt.root,
    'GET',
    `/api/v1/orgs/${lg.org.slug}/audit`,
  );
  t.equal(again.items.filter((e) => e.action === 'match.results_corrected').length, 2, 'no more');
});
