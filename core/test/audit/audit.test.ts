import { addMember, bearer, createOrg, createTestApp, createToken, signIn } from '@racedesk/testkit';
import t from 'tap';

t.test('the audit log: per org for admins, everything for superadmins, newest first, paged', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  const admin = await signIn(app, { username: 'ada' });
  const moderator = await signIn(app);
  await createOrg(app, root, 'alpha');
  await createOrg(app, root, 'beta');
  await addMember(app, root, 'alpha', admin, 'admin');
  await addMember(app, root, 'alpha', moderator, 'moderator');
  const token = await createToken(app, admin, 'alpha', 'admin');
  await app.inject({
    method: 'PATCH',
    url: '/api/v1/orgs/alpha',
    headers: bearer(token),
    payload: { name: 'Alpha' },
  });

  const alpha = await app.inject({ method: 'GET', url: '/api/v1/orgs/alpha/audit', headers: admin.headers });
  t.equal(alpha.statusCode, 200);
  const entries = alpha.json().items;
  t.same(
    entries.map((e: { action: string }) => e.action),
    ['org.updated', 'token.created', 'member.added', 'member.added', 'org.created'],
    'only alpha, newest first',
  );
  const tokenId = (await app.racedesk.db('api_tokens').first('id')).id;
  t.same(entries[0].actor, { kind: 'user', userId: admin.userId, tokenId }, 'token calls name the token');
  t.equal(entries[0].actorName, 'ada', "the actor's name, not only their id");
  await app.racedesk.db('users').where({ id: admin.userId }).update({ display_name: 'Ada Lovelace' });
  const renamed = await app.inject({
    method: 'GET',
    url: '/api/v1/orgs/alpha/audit',
    headers: admin.headers,
  });
  t.equal(renamed.json().items[0].actorName, 'Ada Lovelace', 'the display name as it is now');
  t.same(entries[0].details, { name: 'Alpha' });
  t.same(entries[0].target, { type: 'org', id: String(entries[0].orgId) });
  t.match(entries[0].createdAt, /Z$/);

  const filtered = await app.inject({
    method: 'GET',
    url: '/api/v1/orgs/alpha/audit?action=member.added',
    headers: admin.headers,
  });
  t.equal(filtered.json().items.length, 2);
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/orgs/alpha/audit', headers: moderator.headers }))
      .statusCode,
    403,
  );
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/audit', headers: admin.headers })).statusCode,
    403,
  );

  const page1 = await app.inject({ method: 'GET', url: '/api/v1/audit?limit=4', headers: root.headers });
  await app.inject({
    method: 'PATCH',
    url: '/api/v1/orgs/beta',
    headers: root.headers,
    payload: { name: 'Beta' },
  });
  const page2 = await app.inject({
    method: 'GET',
    url: `/api/v1/audit?limit=4&cursor=${page1.json().nextCursor}`,
    headers: root.headers,
  });
  const ids = [...page1.json().items, ...page2.json().items].map((e: { id: number }) => e.id);
  t.same(
    ids,
    [...ids].sort((a, b) => b - a),
    'strictly newest first across pages',
  );
  t.equal(new Set(ids).size, ids.length, 'no entry twice, even with an insert between pages');
  t.equal(page2.json().nextCursor, null);
  t.equal(ids.length, 6, 'both orgs: six entries before the later change');
});

t.test('an audit entry written in a transaction that fails is not kept', async (t) => {
  const { app } = await createTestApp({ t });
  const { db, audit } = app.racedesk;
  await t.rejects(
    db.transaction(async (trx) => {
      await audit.record({ actor: { kind: 'system', component: 'test' }, action: 'test.half_done' }, trx);
      throw new Error('the change failed');
    }),
  );
  t.equal(await db('audit_log').where({ action: 'test.half_done' }).first(), undefined);
});

t.test('audit entries about one target; system entries have no actor name', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  await createOrg(app, root, 'alpha');
  const orgId = (await app.racedesk.db('organizations').where({ slug: 'alpha' }).first('id')).id;
  const { audit } = app.racedesk;
  const actor = { kind: 'system', component: 'test' } as const;
  await audit.record({ actor, action: 'match.updated', orgId, target: { type: 'match', id: 12 } });
  await audit.record({ actor, action: 'match.updated', orgId, target: { type: 'match', id: 13 } });
  await audit.record({ actor, action: 'match.cancelled', orgId, target: { type: 'match', id: 12 } });
  await audit.record({ actor, action: 'tournament.updated', orgId, target: { type: 'tournament', id: 12 } });

  const get = (qs: string) =>
    app.inject({ method: 'GET', url: `/api/v1/orgs/alpha/audit?${qs}`, headers: root.headers });
  const match12 = await get('targetType=match&targetId=12');
  t.equal(match12.statusCode, 200, match12.body);
  t.same(
    match12.json().items.map((e: { action: string; target: unknown }) => [e.action, e.target]),
    [
      ['match.cancelled', { type: 'match', id: '12' }],
      ['match.updated', { type: 'match', id: '12' }],
    ],
    'only match 12, newest first; tournament 12 is another target',
  );
  t.equal(match12.json().items[0].actorName, null, 'a system actor has no user name');
  t.same(
    (await get('targetType=match')).json().items.map((e: { target: { id: string } }) => e.target.id),
    ['12', '13', '12'],
    'every match',
  );
  t.same((await get('targetType=match&targetId=14')).json().items, [], 'nothing about match 14');
  const paged = await get('targetType=match&limit=2');
  const next = await get(`targetType=match&limit=2&cursor=${paged.json().nextCursor}`);
  t.same(
    next.json().items.map((e: { target: { id: string } }) => e.target.id),
    ['12'],
    'the filter holds across pages',
  );
});
