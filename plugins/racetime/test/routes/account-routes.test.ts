import { api, type Person, signIn } from '@racedesk/testkit';
import t from 'tap';

import { type RacetimeTestApp, racetimeTestApp } from '../helpers/racetime-app.js';

/** Follows the link flow like a browser: Racedesk → racetime.gg consent → back to the callback. */
async function consent(rt: RacetimeTestApp, who: Person): Promise<URL> {
  const start = await rt.app.inject({ method: 'GET', url: '/api/v1/me/racetime/link', headers: who.headers });
  if (start.statusCode !== 302) throw new Error(`link: ${start.statusCode} ${start.body}`);
  const authorize = String(start.headers.location);
  const res = await fetch(authorize, { redirect: 'manual' });
  return new URL(String(res.headers.get('location')));
}

t.test('a player links a racetime account, sees it and removes it', async (t) => {
  const rt = await racetimeTestApp(t);
  const { app, emulator } = rt;
  const player = await signIn(app);
  const mario = emulator.registerUser({ name: 'Mario', discriminator: '5527' });
  emulator.oauth.loginAs(mario.id);

  const back = await consent(rt, player);
  t.equal(back.pathname, '/api/v1/me/racetime/callback');
  const linked = await api<{ racetimeId: string; racetimeName: string }>(
    app,
    player,
    'GET',
    `/api/v1/me/racetime/callback${back.search}`,
  );
  t.equal(linked.racetimeId, mario.id);
  t.equal(linked.racetimeName, 'Mario#5527');
  t.same((await api<{ racetimeId: string }>(app, player, 'GET', '/api/v1/me/racetime')).racetimeId, mario.id);
  const row = await app.racedesk.db('racetime_account_links').where({ user_id: player.userId }).first();
  t.notMatch(row.access_token, /^[A-Za-z0-9]{30}$/, 'the token is stored encrypted');

  const replay = await app.inject({
    method: 'GET',
    url: `/api/v1/me/racetime/callback${back.search}`,
    headers: player.headers,
  });
  t.equal(replay.statusCode, 400, 'a state is single-use');

  const other = await signIn(app);
  const stolen = await consent(rt, other);
  const taken = await app.inject({
    method: 'GET',
    url: `/api/v1/me/racetime/callback${stolen.search}`,
    headers: other.headers,
  });
  t.equal(taken.statusCode, 409, 'one Racedesk user per racetime account');

  await api(app, player, 'DELETE', '/api/v1/me/racetime', undefined, 204);
  const gone = await app.inject({ method: 'GET', url: '/api/v1/me/racetime', headers: player.headers });
  t.equal(gone.statusCode, 404);
});

t.test('a state started by someone else or a denied consent links nothing', async (t) => {
  const rt = await racetimeTestApp(t);
  const { app, emulator } = rt;
  const alice = await signIn(app);
  const bob = await signIn(app);
  const luigi = emulator.registerUser({ name: 'Luigi' });
  emulator.oauth.loginAs(luigi.id);
  const back = await consent(rt, alice);
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/me/racetime/callback${back.search}`,
    headers: bob.headers,
  });
  t.equal(res.statusCode, 400, 'state is bound to the user who started');

  emulator.oauth.loginAs(luigi.id, { approve: false });
  const denied = await consent(rt, alice);
  const refused = await app.inject({
    method: 'GET',
    url: `/api/v1/me/racetime/callback${denied.search}`,
    headers: alice.headers,
  });
  t.equal(refused.statusCode, 400);
  t.equal(refused.json().error.code, 'RD_RACETIME_LINK_DENIED');
});

t.test('account linking lives at the contract paths under /api/v1/me/racetime', async (t) => {
  const { app } = await racetimeTestApp(t);
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  t.ok(doc.paths['/api/v1/me/racetime/link']?.get, 'GET /api/v1/me/racetime/link is documented');
  t.ok(doc.paths['/api/v1/me/racetime/callback']?.get, 'GET /api/v1/me/racetime/callback is documented');
  t.ok(doc.paths['/api/v1/me/racetime']?.get && doc.paths['/api/v1/me/racetime'].delete);
  t.notOk(
    Object.keys(doc.paths).some((p) => p.startsWith('/api/v1/racetime/me')),
    'nothing left at the old paths',
  );
  const anonymous = await app.inject({ method: 'GET', url: '/api/v1/me/racetime/link' });
  t.equal(anonymous.statusCode, 401, 'only signed-in people link accounts');
});

t.test('a browser coming back from racetime.gg lands on the profile page with the outcome', async (t) => {
  const rt = await racetimeTestApp(t);
  const { app, emulator } = rt;
  const player = await signIn(app);
  const toad = emulator.registerUser({ name: 'Toad' });
  const browser = { ...player.headers, accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

  emulator.oauth.loginAs(toad.id, { approve: false });
  const denied = await consent(rt, player);
  const failed = await app.inject({
    method: 'GET',
    url: `/api/v1/me/racetime/callback${denied.search}`,
    headers: browser,
  });
  t.equal(failed.statusCode, 302);
  const failedAt = new URL(String(failed.headers.location), 'http://racedesk.test');
  t.equal(failedAt.pathname, '/admin/profile');
  t.equal(failedAt.searchParams.get('racetime'), 'failed');
  t.equal(failedAt.searchParams.get('code'), 'RD_RACETIME_LINK_DENIED');
  t.match(failedAt.searchParams.get('message'), /racetime.gg did not link the account/);

  emulator.oauth.loginAs(toad.id);
  const back = await consent(rt, player);
  const linked = await app.inject({
    method: 'GET',
    url: `/api/v1/me/racetime/callback${back.search}`,
    headers: browser,
  });
  t.equal(linked.statusCode, 302);
  t.equal(linked.headers.location, '/admin/profile?racetime=linked');
  t.equal(
    (await api<{ racetimeId: string }>(app, player, 'GET', '/api/v1/me/racetime')).racetimeId,
    toad.id,
    'the link was stored',
  );
});

t.test('an API client keeps the JSON answer, also for failures', async (t) => {
  const rt = await racetimeTestApp(t);
  const { app, emulator } = rt;
  const player = await signIn(app);
  const peach = emulator.registerUser({ name: 'Peach' });
  const client = { ...player.headers, accept: 'application/json' };

  emulator.oauth.loginAs(peach.id, { approve: false });
  const denied = await consent(rt, player);
  const refused = await app.inject({
    method: 'GET',
    url: `/api/v1/me/racetime/callback${denied.search}`,
    headers: client,
  });
  t.equal(refused.statusCode, 400);
  t.equal(refused.json().error.code, 'RD_RACETIME_LINK_DENIED');

  emulator.oauth.loginAs(peach.id);
  const back = await consent(rt, player);
  const res = await app.inject({
    method: 'GET',
    url: `/api/v1/me/racetime/callback${back.search}`,
    headers: client,
  });
  t.equal(res.statusCode, 200);
  t.match(res.json(), { racetimeId: peach.id, racetimeName: 'Peach' });
});
