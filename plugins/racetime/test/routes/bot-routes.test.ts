import { api, signIn } from '@racedesk/testkit';
import t from 'tap';
import { orgWithRacetime } from '../helpers/people.js';
import { racetimeTestApp } from '../helpers/racetime-app.js';

t.test('a superadmin registers a bot, sees its status, assigns it, tests and restarts it', async (t) => {
  const { app, root, emulator } = await racetimeTestApp(t);
  const creds = emulator.registerBot({ category: 'alttpr', name: 'Racedesk' });

  const bot = await api<Record<string, unknown>>(app, root, 'POST', '/api/v1/racetime/bots', {
    category: 'alttpr',
    name: 'Racedesk',
    clientId: creds.clientId,
    clientSecret: creds.clientSecret,
  });
  t.equal(bot.status, 'connected');
  t.match(bot.check, { status: 'connected', message: null });
  t.notOk(JSON.stringify(bot).includes(creds.clientSecret), 'the secret is never returned');
  const stored = await app.racedesk.db('secrets').where({ owner: 'racetime' }).first();
  t.notOk(String(stored.ciphertext).includes(creds.clientSecret), 'the secret is encrypted at rest');

  const dup = await app.inject({
    method: 'POST',
    url: '/api/v1/racetime/bots',
    headers: root.headers,
    payload: { category: 'alttpr', name: 'Other', clientId: 'x', clientSecret: 'y' },
  });
  t.equal(dup.statusCode, 409, 'one bot per category');

  const org = await orgWithRacetime(app, root, 'league');
  const assigned = await api<{ orgs: string[] }>(
    app,
    root,
    'PUT',
    `/api/v1/racetime/bots/${bot.id}/orgs/${org.slug}`,
  );
  t.same(assigned.orgs, ['league']);
  const orgBots = await api<Array<{ id: number }>>(app, root, 'GET', `/api/v1/orgs/league/racetime/bots`);
  t.same(
    orgBots.map((b) => b.id),
    [bot.id],
  );

  emulator.deactivateBot(creds.clientId);
  const restarted = await api<{ status: string; message: string }>(
    app,
    root,
    'POST',
    `/api/v1/racetime/bots/${bot.id}/restart`,
    undefined,
    200,
  );
  t.equal(restarted.status, 'auth_failed', 'a deactivated bot cannot get a token');
  const listed = await api<Array<{ status: string; statusMessage: string; statusAt: string }>>(
    app,
    root,
    'GET',
    '/api/v1/racetime/bots',
  );
  t.equal(listed[0]?.status, 'auth_failed');
  t.match(listed[0]?.statusMessage, /refused/);
  t.ok(listed[0]?.statusAt);

  const fixed = emulator.registerBot({ category: 'alttpr', name: 'Racedesk2' });
  await api(
    app,
    root,
    'PATCH',
    `/api/v1/racetime/bots/${bot.id}`,
    { clientId: fixed.clientId, clientSecret: fixed.clientSecret },
    200,
  );
  const tested = await api<{ status: string }>(
    app,
    root,
    'POST',
    `/api/v1/racetime/bots/${bot.id}/test`,
    undefined,
    200,
  );
  t.equal(tested.status, 'connected', 'new credentials connect again');
});

t.test('only superadmins manage bots', async (t) => {
  const { app } = await racetimeTestApp(t);
  const someone = await signIn(app);
  const res = await app.inject({ method: 'GET', url: '/api/v1/racetime/bots', headers: someone.headers });
  t.equal(res.statusCode, 403);
});
