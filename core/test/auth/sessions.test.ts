import { createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';

t.test('a session ends after 7 idle days, by the app clock', async (t) => {
  const { app, advance } = await createTestApp({ t });
  const alice = await signIn(app);
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: alice.cookie } });
  t.equal(me.statusCode, 200);
  t.equal(me.json().user.id, alice.userId);
  t.equal(me.json().csrfToken, alice.csrf, 'GET /me hands out the CSRF token');

  await advance('6d');
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: alice.cookie } })).statusCode,
    200,
  );
  await advance('7d');
  const expired = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: alice.cookie } });
  t.equal(expired.statusCode, 401);
  t.equal(expired.json().error.code, 'RD_AUTH_REQUIRED');
  t.equal(
    await app.racedesk.db('sessions').where({ user_id: alice.userId }).first(),
    undefined,
    'the row is gone',
  );
});

t.test('an active session still ends 30 days after sign-in', async (t) => {
  const { app, advance } = await createTestApp({ t });
  const alice = await signIn(app);
  for (let day = 6; day < 30; day += 6) {
    await advance('6d');
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: alice.cookie } })).statusCode,
      200,
      `day ${day}`,
    );
  }
  await advance('6d');
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: alice.cookie } })).statusCode,
    401,
    'day 30',
  );
});

t.test('cookie-authenticated writes need the CSRF token; bearer tokens do not', async (t) => {
  const { app } = await createTestApp({ t });
  const root = await signIn(app, { superadmin: true });
  const create = (headers: Record<string, string>, slug: string) =>
    app.inject({ method: 'POST', url: '/api/v1/orgs', headers, payload: { slug, name: slug } });

  const missing = await create({ cookie: root.cookie }, 'no-csrf');
  t.equal(missing.statusCode, 403);
  t.equal(missing.json().error.code, 'RD_AUTH_CSRF');
  t.equal((await create({ cookie: root.cookie, 'x-csrf-token': 'guess' }, 'bad-csrf')).statusCode, 403);
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/orgs/no-csrf', headers: root.headers })).statusCode,
    404,
    'nothing was created',
  );
  t.equal((await create(root.headers, 'with-csrf')).statusCode, 201);

  const { token } = await app.racedesk.tokens.create(
    { name: 'ops', userId: null, orgId: null, role: null, superadmin: true },
    { kind: 'system', component: 'test' },
  );
  t.equal((await create({ authorization: `Bearer ${token}` }, 'by-token')).statusCode, 201);
});

t.test('logout ends the session and clears the cookie', async (t) => {
  const { app } = await createTestApp({ t });
  const alice = await signIn(app);
  const withoutCsrf = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/logout',
    headers: { cookie: alice.cookie },
  });
  t.equal(withoutCsrf.statusCode, 403, 'logout is a write: no cross-site logouts');
  const out = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: alice.headers });
  t.equal(out.statusCode, 204);
  t.match(String(out.headers['set-cookie']), /racedesk_session=;/);
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: alice.cookie } })).statusCode,
    401,
  );
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode,
    204,
    'logging out twice is harmless',
  );
});
