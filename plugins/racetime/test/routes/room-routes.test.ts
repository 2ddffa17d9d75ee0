import { api, signIn } from '@racedesk/testkit';
import t from 'tap';
import { orgWithRacetime } from '../helpers/people.js';
import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test(
  'a moderator opens a room by hand: linked players invited, the others named in chat; 409 the second time',
  async (t) => {
    const { app, root, emulator, clock } = await racetimeTestApp(t);
    const mod = await signIn(app);
    const p1 = await signIn(app, { username: 'linked' });
    const p2 = await signIn(app, { username: 'unlinked' });
    const org = await orgWithRacetime(app, root, 'league', [[mod, 'moderator']]);
    const creds = emulator.registerBot({ category: 'alttpr', name: 'Racedesk' });
    const bot = await api<{ id: number }>(app, root, 'POST', '/api/v1/racetime/bots', {
      category: 'alttpr',
      name: 'Racedesk',
      clientId: creds.clientId,
      clientSecret: creds.clientSecret,
    });
    await api(app, root, 'PUT', `/api/v1/racetime/bots/${bot.id}/orgs/league`, undefined, 200);
    const mario = emulator.registerUser({ name: 'Mario' });
    await app.racedesk.db('racetime_account_links').insert({
      user_id: p1.userId,
      racetime_id: mario.id,
      racetime_name: 'Mario',
      access_token: 'x',
      linked_at: clock.now(),
    });
    const now = clock.now();
    const [tournament] = await app.racedesk
      .db('tournaments')
      .insert({ org_id: org.id, slug: 'cup', name: 'Cup', created_at: now, updated_at: now })
      .returning('id');
    await api(
      app,
      root,
      'PUT',
      `/api/v1/orgs/league/racetime/tournaments/${tournament.id}/settings`,
      { botId: bot.id },
      200,
    );
    const [match] = await app.racedesk
      .db('matches')
      .insert({
        org_id: org.id,
        tournament_id: tournament.id,
        title: 'Final',
        scheduled_at: new Date(now.getTime() + 3_600_000),
        created_at: now,
        updated_at: now,
      })
      .returning('id');
    await app.racedesk.db('match_players').insert([
      { match_id: match.id, user_id: p1.userId, seat: 1 },
      { match_id: match.id, user_id: p2.userId, seat: 2 },
    ]);
    const url = `/api/v1/orgs/league/racetime/matches/${match.id}/room`;

    t.match(await api(app, mod, 'GET', url), { status: 'none', slug: null });
    const room = await api<{ slug: string; status: string; invited: unknown[]; notInvited: unknown[] }>(
      app,
      mod,
      'POST',
      url,
      { goal: 'Finals' },
    );
    t.equal(room.status, 'open');
    const race = emulator.races.require(room.slug.split('/')[1]!);
    t.equal(race.goal.name, 'Finals');
    t.match(race.info_bot, /\[rd:m\d+\.1\]/, 'the marker is in info_bot');
    t.same(room.invited, [{ userId: p1.userId, racetimeId: mario.id }]);
    t.same(room.notInvited, [{ userId: p2.userId, reason: 'no linked racetime account' }]);
    await emulator.log.waitForAction((a) => a.action === 'invite');
    const chat = await emulator.log.waitForChat((c) => /Could not invite/.test(c.message.message));
    t.match(chat.message.message, /unlinked/);

    const again = await app.inject({ method: 'POST', url, headers: mod.headers, payload: {} });
    t.equal(again.statusCode, 409);
    t.equal(emulator.races.list('alttpr').length, 1, 'exactly one room');
  },
);
