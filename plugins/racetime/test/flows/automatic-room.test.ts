import { api } from '@racedesk/testkit';
import t from 'tap';
import { league, until } from '../helpers/league.js';

import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test(
  'match created → room at the exact open time → players invited → race → results on the match',
  async (t) => {
    const rt = await racetimeTestApp(t);
    const { app, emulator, clock } = rt;
    const lg = await league(rt);
    const mario = await lg.player('Mario');
    const luigi = await lg.player('Luigi');
    const matchId = await lg.match('2030-01-07T14:00:00Z', [mario, luigi]);

    t.match(await lg.room(matchId), { status: 'pending', slug: null, openAt: '2030-01-07T13:00:00.000Z' });
    await clock.advanceTo('2030-01-07T12:59:59Z');
    t.equal(emulator.races.list('alttpr').length, 0, 'no room before the open time');

    await clock.advanceTo('2030-01-07T13:00:00Z');
    const room = await lg.room(matchId);
    t.equal(room.status, 'open');
    const slug = room.slug!.split('/')[1]!;
    const race = emulator.races.require(slug);
    t.equal(race.opened_at, '2030-01-07T13:00:00Z', 'opened at the exact open time');
    t.equal(race.status.value, 'invitational');
    t.equal(race.goal.name, 'Beat the game');
    t.match(race.info_user, 'Cup - Final');
    t.equal(room.url, `${emulator.url}/${room.slug}`);

    for (const p of [mario, luigi])
      await emulator.log.waitForAction(
        (a) => a.action === 'invite' && (a.data as { user: string }).user === p.racetime.id,
      );
    await until('both invited', () => emulator.races.require(slug).entrants.length === 2);
    t.match(
      (await api<{ state: string }>(app, lg.mod, 'GET', `/api/v1/orgs/league/matches/${matchId}`)).state,
      'checked_in',
      'room opened: match checked in',
    );

    for (const p of [mario, luigi]) {
      emulator.players.acceptInvite(slug, p.racetime.id);
      emulator.players.ready(slug, p.racetime.id);
    }
    await clock.advance('16s'); // 15 s countdown: the race starts 1 s before this advance ends
    await until('match started', async () => {
      const m = await api<{ state: string }>(app, lg.mod, 'GET', `/api/v1/orgs/league/matches/${matchId}`);
      return m.state === 'started';
    });
    await clock.advance('20s');
    emulator.players.finish(slug, luigi.racetime.id);
    await clock.advance('3s');
    emulator.players.finish(slug, mario.racetime.id);
    const match = await until('results recorded', async () => {
      const m = await api<{
        state: string;
        players: Array<{
          userId: number;
          finishRank: number | null;
          status: string;
          finishTime: string | null;
        }>;
      }>(app, lg.mod, 'GET', `/api/v1/orgs/league/matches/${matchId}`);
      return m.state === 'recorded' ? m : undefined;
    });
    const byUser = new Map(match.players.map((p) => [p.userId, p]));
    t.match(byUser.get(luigi.person.userId), { finishRank: 1, status: 'done', finishTime: 'PT21S' });
    t.match(byUser.get(mario.person.userId), { finishRank: 2, status: 'done', finishTime: 'PT24S' });
    t.equal((await lg.room(matchId)).status, 'finished');

    const names = await app.racedesk
      .db('events')
      .where('name', 'like', 'racetime.%')
      .orderBy('id')
      .pluck('name');
    t.ok(names.includes('racetime.room.created'));
    t.ok(names.includes('racetime.bot.joined_race'));
    t.equal(names.filter((n: string) => n === 'racetime.entrant.invited').length, 2, 'two invites seen');
    t.ok(names.includes('racetime.race.status_changed'));
    const recorded = await app.racedesk
      .db('audit_log')
      .where({ action: 'match.results_recorded' })
      .count('* as n')
      .first();
    t.equal(Number(recorded?.n), 1, 'results recorded once');
  },
);

t.test('rooms due together ask racetime.gg for the category once, then again after a minute', async (t) => {
  const rt = await racetimeTestApp(t);
  const { emulator, clock } = rt;
  const lg = await league(rt);
  const mario = await lg.player('Mario');
  const luigi = await lg.player('Luigi');
  const ids: number[] = [];
  for (let i = 0; i < 4; i++) ids.push(await lg.match('2030-01-07T14:00:00Z', [mario, luigi], `Round ${i}`));
  const categoryReads = () => emulator.log.requests.filter((r) => r.path === '/o/alttpr/data').length;
  const before = categoryReads();

  await clock.advanceTo('2030-01-07T13:00:00Z');
  for (const id of ids) t.equal((await lg.room(id)).status, 'open', `match ${id} has its room`);
  t.equal(emulator.races.list('alttpr').length, 4, 'four rooms, one each');
  t.equal(categoryReads() - before, 1, 'one category read for the four rooms');

  const late = await lg.match('2030-01-07T14:02:00Z', [mario, luigi], 'Late');
  await clock.advanceTo('2030-01-07T13:02:00Z');
  t.equal((await lg.room(late)).status, 'open');
  t.equal(categoryReads() - before, 2, 'a room two minutes later reads the category again');
});
