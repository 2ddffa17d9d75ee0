import { createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';

t.test('PATCH /me changes the caller’s own time zone, checked and audited', async (t) => {
  const { app } = await createTestApp({ t, rateLimits: false });
  const root = await signIn(app, { superadmin: true });
  const bob = await signIn(app, { username: 'bob' });
  const patch = (payload: Record<string, unknown>, headers = bob.headers) =>
    app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload });
  const zoneOf = async (headers: Record<string, string>) =>
    (await app.inject({ method: 'GET', url: '/api/v1/me', headers })).json().user.timezone as string;
  const audited = async () =>
    (
      await app.inject({
        method: 'GET',
        url: '/api/v1/audit?action=user.timezone_changed',
        headers: root.headers,
      })
    ).json().items as Array<{ actor: unknown; target: unknown; details: unknown }>;
  const before = await zoneOf(bob.headers);

  const unknown = await patch({ timezone: 'Mars/Olympus' });
  t.equal(unknown.statusCode, 400);
  t.equal(unknown.json().error.code, 'RD_TIME_ZONE_UNKNOWN');
  t.match(unknown.json().error.message, /not an IANA time zone/);
  t.equal((await patch({ timezone: 'UTC', displayName: 'x' })).statusCode, 400, 'only the time zone');
  const noCsrf = await patch({ timezone: 'Europe/Berlin' }, { cookie: bob.cookie });
  t.equal(noCsrf.statusCode, 403, 'a cookie write needs the CSRF token');
  const signedOut = await app.inject({ method: 'PATCH', url: '/api/v1/me', payload: { timezone: 'UTC' } });
  t.equal(signedOut.statusCode, 401);
  t.equal(await zoneOf(bob.headers), before, 'refused changes changed nothing');
  t.equal((await audited()).length, 0);

  const ok = await patch({ timezone: 'Europe/Berlin' });
  t.equal(ok.statusCode, 200, ok.body);
  t.match(ok.json(), { id: bob.userId, timezone: 'Europe/Berlin' });
  t.equal(await zoneOf(bob.headers), 'Europe/Berlin', 'GET /me shows the new zone');
  t.equal(await zoneOf(root.headers), before, 'other users keep theirs');
  t.match(await audited(), [
    {
      actor: { kind: 'user', userId: bob.userId },
      target: { type: 'user', id: String(bob.userId) },
      details: { from: before, to: 'Europe/Berlin' },
    },
  ]);

  t.equal((await patch({ timezone: 'Europe/Berlin' })).statusCode, 200);
  t.equal((await audited()).length, 1, 'setting the same zone again audits nothing');
});
