import { api, signIn } from '@racedesk/testkit';
import t from 'tap';
import { orgWithRacetime } from '../helpers/people.js';
import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test('org admins set tournament racetime settings; the bot must be assigned to the org', async (t) => {
  const { app, root, emulator, clock } = await racetimeTestApp(t);
  const admin = await signIn(app);
  const member = await signIn(app);
  const org = await orgWithRacetime(app, root, 'league', [
    [admin, 'admin'],
    [member, 'member'],
  ]);
  const creds = emulator.registerBot({ category: 'alttpr', name: 'Racedesk' });
  const bot = await api<{ id: number }>(app, root, 'POST', '/api/v1/racetime/bots', {
    category: 'alttpr',
    name: 'Racedesk',
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
  });
  const [tournament] = await app.racedesk
    .db('tournaments')
    .insert({ org_id: org.id, slug: 'cup', name: 'Cup', created_at: clock.now(), updated_at: clock.now() })
    .returning('id');
  const url = `/api/v1/orgs/league/racetime/tournaments/${tournament.id}/settings`;

  const defaults = await api<Record<string, unknown>>(app, member, 'GET', url);
  t.match(defaults, {
    botId: null,
    autoCreateRooms: false,
    openMinutesBefore: 60,
    requireLinkedAccounts: false,
  });
  t.match(defaults.roomProfile, { invitational: true, startDelaySeconds: 15, timeLimitHours: 24 });

  const notAssigned = await app.inject({
    method: 'PUT',
    url,
    headers: admin.headers,
    payload: { botId: bot.id },
  });
  t.equal(notAssigned.statusCode, 422);

  await api(app, root, 'PUT', `/api/v1/racetime/bots/${bot.id}/orgs/league`, undefined, 200);
  const saved = await api<Record<string, unknown>>(
    app,
    admin,
    'PUT',
    url,
    { botId: bot.id, autoCreateRooms: true, openMinutesBefore: 45, roomProfile: { startDelaySeconds: 30 } },
    200,
  );
  t.match(saved, { botId: bot.id, autoCreateRooms: true, openMinutesBefore: 45 });
  t.match(saved.roomProfile, { startDelaySeconds: 30, timeLimitHours: 24 });

  const tooSoon = await app.inject({
    method: 'PUT',
    url,
    headers: admin.headers,
    payload: { openMinutesBefore: 10 },
  });
  t.equal(tooSoon.statusCode, 400, 'open time is 30-120 minutes');
  const memberPut = await app.inject({
    method: 'PUT',
    url,
    headers: member.headers,
    payload: { autoCreateRooms: false },
  });
  t.equal(memberPut.statusCode, 403);
  const other = await app.inject({
    method: 'GET',
    url: '/api/v1/orgs/league/racetime/tournaments/999999/settings',
    headers: admin.headers,
  });
  t.equal(other.statusCode, 404);
});
