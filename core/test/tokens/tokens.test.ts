import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { addMember, bearer, createOrg, createTestApp, createToken, signIn } from '@racedesk/testkit';
import t from 'tap';
import { guardedPlugin } from '../security/fixtures/guarded-plugin.js';

const run = promisify(execFile);

t.test(
  'an org token acts with the lesser of its ceiling and its owner’s role, and is shown once',
  async (t) => {
    const { app } = await createTestApp({ rateLimits: false, t });
    const root = await signIn(app, { superadmin: true });
    const owner = await signIn(app);
    await createOrg(app, root, 'alpha');
    await createOrg(app, root, 'beta');
    await addMember(app, root, 'alpha', owner, 'owner');

    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/orgs/alpha/tokens',
      headers: owner.headers,
      payload: { name: 'bracket sync', role: 'admin' },
    });
    t.equal(created.statusCode, 201);
    const { token, id, prefix } = created.json();
    t.match(token, /^rd_[A-Za-z0-9_-]{43}$/);
    t.equal(token.slice(0, prefix.length), prefix);

    const row = await app.racedesk.db('api_tokens').where({ id }).first();
    t.not(row.token_hash, token, 'stored hashed');
    t.notOk(JSON.stringify(row).includes(token.slice(3)), 'the token appears nowhere in the row');

    const patch = await app.inject({
      method: 'PATCH',
      url: '/api/v1/orgs/alpha',
      headers: bearer(token),
      payload: { name: 'Alpha League' },
    });
    t.equal(patch.statusCode, 200, 'admin ceiling may change the org');
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/orgs/beta', headers: bearer(token) })).statusCode,
      404,
      'other orgs do not exist for it',
    );
    t.equal(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/orgs',
          headers: bearer(token),
          payload: { slug: 'gamma', name: 'g' },
        })
      ).statusCode,
      403,
      'no superadmin powers',
    );

    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/orgs/alpha/tokens',
      headers: owner.headers,
    });
    t.equal(list.json().items.length, 1);
    t.notOk('token' in list.json().items[0], 'lists never show the token');
    t.ok(list.json().items[0].lastUsedAt, 'last use is recorded');

    const modToken = await createToken(app, owner, 'alpha', 'moderator');
    const denied = await app.inject({
      method: 'PATCH',
      url: '/api/v1/orgs/alpha',
      headers: bearer(modToken),
      payload: { name: 'x' },
    });
    t.equal(denied.statusCode, 403);
    t.equal(denied.json().error.code, 'RD_ROLE_TOO_LOW');

    // Demoting the owner caps the token they made.
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/alpha/members/${owner.userId}`,
      headers: root.headers,
      payload: { role: 'member' },
    });
    t.equal(
      (
        await app.inject({
          method: 'PATCH',
          url: '/api/v1/orgs/alpha',
          headers: bearer(token),
          payload: { name: 'y' },
        })
      ).statusCode,
      403,
    );
    t.equal(
      (await app.inject({ method: 'GET', url: '/api/v1/orgs/alpha', headers: bearer(token) })).statusCode,
      200,
    );
    const tooStrong = await app.inject({
      method: 'POST',
      url: '/api/v1/orgs/alpha/tokens',
      headers: owner.headers,
      payload: { name: 'x', role: 'owner' },
    });
    t.equal(tooStrong.statusCode, 403, 'a member cannot mint tokens');
  },
);

t.test('revoked, expired, malformed and unknown tokens are 401', async (t) => {
  const { app, advance } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  await createOrg(app, root, 'alpha');
  const soon = new Date(Date.now() + 3_600_000).toISOString();
  const expiring = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs/alpha/tokens',
    headers: root.headers,
    payload: { name: 'hour', role: 'member', expiresAt: soon },
  });
  const revoked = await createToken(app, root, 'alpha', 'member');
  const get = (headers: Record<string, string>) =>
    app.inject({ method: 'GET', url: '/api/v1/orgs/alpha', headers });

  t.equal((await get(bearer(expiring.json().token))).statusCode, 200);
  const tokenId = (await app.racedesk.db('api_tokens').where({ name: 'script' }).first('id')).id;
  const revoke = await app.inject({
    method: 'DELETE',
    url: `/api/v1/orgs/alpha/tokens/${tokenId}`,
    headers: root.headers,
  });
  t.equal(revoke.statusCode, 200);
  t.ok(revoke.json().revokedAt);
  const afterRevoke = await get(bearer(revoked));
  t.equal(afterRevoke.statusCode, 401);
  t.equal(afterRevoke.json().error.code, 'RD_AUTH_INVALID_TOKEN');

  await advance('2h');
  t.equal((await get(bearer(expiring.json().token))).statusCode, 401, 'expired');
  t.equal((await get({ authorization: 'Basic abc' })).json().error.code, 'RD_AUTH_INVALID');
  t.equal((await get({ authorization: 'Bearer rd_nope' })).statusCode, 401);

  const actions = (await app.racedesk.db('audit_log').where({ target_type: 'token' }).orderBy('id')).map(
    (r) => r.action,
  );
  t.same(actions, ['token.created', 'token.created', 'token.revoked']);
});

t.test('racedesk token create --superadmin prints a working token alone on the last line', async (t) => {
  const { app, database } = await createTestApp({ t });
  const bin = new URL('../../bin/racedesk.js', import.meta.url).pathname;
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    RACEDESK_PLUGINS: '',
    LOG_LEVEL: 'silent',
    RACEDESK_SECRET_KEY: 'a'.repeat(64),
  };
  const { stdout } = await run(
    process.execPath,
    [bin, 'token', 'create', '--superadmin', '--name', 'setup script'],
    { env },
  );
  const token = stdout.trim().split('\n').at(-1)!;
  t.match(token, /^rd_/);
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: bearer(token),
    payload: { slug: 'from-cli', name: 'From CLI' },
  });
  t.equal(created.statusCode, 201, created.body);
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
  t.same({ user: me.json().user, superadmin: me.json().superadmin }, { user: null, superadmin: true });

  const usage = await run(process.execPath, [bin, 'token', 'create', '--name', 'x'], { env }).catch(
    (err) => err,
  );
  t.equal(usage.code, 2, 'org tokens come from the API, not the CLI');
});

t.test('superadmins create, list and revoke personal superadmin tokens; nobody else can', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  const owner = await signIn(app);
  await createOrg(app, root, 'alpha');
  await addMember(app, root, 'alpha', owner, 'owner');

  const denied = await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: owner.headers,
    payload: { name: 'mine' },
  });
  t.equal(denied.statusCode, 403, 'an org owner is not a superadmin');

  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: root.headers,
    payload: { name: 'instance admin' },
  });
  t.equal(created.statusCode, 201, created.body);
  const { token, id } = created.json();
  t.match(created.json(), { name: 'instance admin', role: null, userId: root.userId });
  const row = await app.racedesk.db('api_tokens').where({ id }).first();
  t.not(row.token_hash, token, 'stored hashed');

  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) });
  t.equal(me.json().superadmin, true, 'the token administers the instance');
  const orgAudit = await app.inject({
    method: 'GET',
    url: '/api/v1/orgs/alpha/audit',
    headers: bearer(token),
  });
  t.equal(orgAudit.statusCode, 200, 'and reaches every org');

  await createToken(app, owner, 'alpha', 'member');
  const orgTokenId = (await app.racedesk.db('api_tokens').whereNotNull('org_id').first()).id;
  const list = await app.inject({ method: 'GET', url: '/api/v1/tokens', headers: root.headers });
  t.same(
    list.json().items.map((i: { name: string }) => i.name),
    ['instance admin'],
    'org tokens are not instance tokens',
  );
  t.notOk(list.body.includes(token), 'the list never shows a token');

  const wrongScope = await app.inject({
    method: 'DELETE',
    url: `/api/v1/tokens/${orgTokenId}`,
    headers: root.headers,
  });
  t.equal(wrongScope.statusCode, 404, 'an org token is revoked through its org');
  const revoked = await app.inject({ method: 'DELETE', url: `/api/v1/tokens/${id}`, headers: root.headers });
  t.equal(revoked.statusCode, 200);
  t.ok(revoked.json().revokedAt);
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode,
    401,
    'revocation takes effect at once',
  );
});

t.test('a token follows its owner’s membership and the org’s plugins on the very next request', async (t) => {
  const { app } = await createTestApp({ plugins: [guardedPlugin], rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  const admin = await signIn(app);
  await createOrg(app, root, 'alpha');
  await addMember(app, root, 'alpha', admin, 'admin');
  const token = await createToken(app, admin, 'alpha', 'admin');
  const things = () =>
    app.inject({ method: 'GET', url: '/api/v1/orgs/alpha/guarded/things', headers: bearer(token) });
  const plugin = (enabled: boolean) =>
    app.inject({
      method: 'PUT',
      url: '/api/v1/orgs/alpha/plugins/guarded',
      headers: root.headers,
      payload: { enabled, settings: { roomPrefix: 'weekly' } },
    });

  t.equal((await things()).json().error.code, 'RD_PLUGIN_DISABLED');
  await plugin(true);
  t.match((await things()).json(), { org: 'alpha', role: 'admin' }, 'on: reachable at once');
  await plugin(false);
  t.equal((await things()).json().error.code, 'RD_PLUGIN_DISABLED', 'off: refused at once');
  await plugin(true);
  const removed = await app.inject({
    method: 'DELETE',
    url: `/api/v1/orgs/alpha/members/${admin.userId}`,
    headers: root.headers,
  });
  t.equal(removed.statusCode, 204);
  const after = await things();
  t.equal(after.statusCode, 404, 'removed from the org: the token no longer reaches it');
  t.equal(after.json().error.code, 'RD_ORG_NOT_FOUND');
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/orgs/nope', headers: bearer(token) })).json().error.code,
    'RD_ORG_NOT_FOUND',
    'an unknown org looks the same',
  );
});
