import { createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';

t.test('security headers on API responses, and the docs UI still loads under its CSP', async (t) => {
  const { app } = await createTestApp({ t });
  const res = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(res.headers['x-content-type-options'], 'nosniff');
  t.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
  t.match(String(res.headers['strict-transport-security']), /max-age=/);
  const csp = String(res.headers['content-security-policy']);
  t.match(csp, /script-src 'self'/);
  t.match(csp, /frame-ancestors 'self'/);

  const ui = await app.inject({ method: 'GET', url: '/api/docs' });
  t.equal(ui.statusCode, 200);
  const scripts = [...ui.body.matchAll(/<script([^>]*)>([^<]*)<\/script>/g)];
  t.ok(scripts.length > 0);
  t.ok(
    scripts.every(
      ([, attributes, inline]) => /src="(\.|\/api\/docs)\//.test(attributes ?? '') && !inline?.trim(),
    ),
    'only same-origin script files, no inline script: the CSP allows them',
  );
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' })).statusCode,
    200,
  );
  t.equal((await app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode, 200);
});

t.test(
  'sign-in and write routes are rate limited: 429 with Retry-After in the one error shape',
  async (t) => {
    const { app, advance } = await createTestApp({
      rateLimits: { auth: 3, write: 5 },
      config: { oauth: { discord: { clientId: '1', clientSecret: 's' } } },
      t,
    });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await app.inject({ method: 'GET', url: '/api/v1/auth/discord' })).statusCode);
    t.same(statuses, [302, 302, 302, 429]);
    const limited = await app.inject({ method: 'GET', url: '/api/v1/auth/discord' });
    t.equal(limited.statusCode, 429);
    t.match(limited.headers['retry-after'], /^\d+$/);
    t.equal(limited.json().error.code, 'RD_RATE_LIMITED');
    t.match(limited.json().error.message, /retry in/);

    const root = await signIn(app, { superadmin: true });
    const writes: number[] = [];
    for (let i = 0; i < 6; i++) {
      writes.push(
        (
          await app.inject({
            method: 'PATCH',
            url: '/api/v1/orgs/none',
            headers: root.headers,
            payload: { name: 'x' },
          })
        ).statusCode,
      );
    }
    t.same(writes, [404, 404, 404, 404, 404, 429], 'writes count per caller');
    const reads = await app.inject({ method: 'GET', url: '/api/v1/me', headers: root.headers });
    t.equal(reads.statusCode, 200, 'reads are not limited by the write budget');

    await advance('61s');
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/auth/discord' })).statusCode,
      302,
      'the window passes with the app clock',
    );
  },
);
