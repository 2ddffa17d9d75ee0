import { addMember, createOrg, createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';

t.test('a superadmin creates an org and becomes its owner; others cannot create one', async (t) => {
  const { app } = await createTestApp({ t });
  const root = await signIn(app, { superadmin: true });
  const alice = await signIn(app);

  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: root.headers,
    payload: { slug: 'alttpr-league', name: 'ALttPR League', timezone: 'America/New_York' },
  });
  t.equal(created.statusCode, 201);
  t.match(created.json(), {
    slug: 'alttpr-league',
    name: 'ALttPR League',
    description: '',
    timezone: 'America/New_York',
  });
  t.match(created.json().createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: root.headers });
  t.same(
    me.json().memberships.map((m: { org: { slug: string }; role: string }) => [m.org.slug, m.role]),
    [['alttpr-league', 'owner']],
  );

  const taken = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: root.headers,
    payload: { slug: 'alttpr-league', name: 'again' },
  });
  t.equal(taken.statusCode, 409);
  t.equal(taken.json().error.code, 'RD_ORG_SLUG_TAKEN');
  const badSlug = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: root.headers,
    payload: { slug: 'Bad Slug!', name: 'x' },
  });
  t.equal(badSlug.statusCode, 400);
  t.equal(badSlug.json().error.details[0].field, 'body/slug');

  const refused = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: alice.headers,
    payload: { slug: 'mine', name: 'mine' },
  });
  t.equal(refused.statusCode, 403);
  t.equal(refused.json().error.code, 'RD_SUPERADMIN_ONLY');
  t.equal(
    (await app.inject({ method: 'POST', url: '/api/v1/orgs', payload: { slug: 'anon', name: 'x' } }))
      .statusCode,
    401,
  );
});

t.test('people see only their orgs, paged by slug; admins edit them', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  const alice = await signIn(app);
  for (const slug of ['ccc', 'aaa', 'bbb', 'ddd']) await createOrg(app, root, slug);
  await addMember(app, root, 'bbb', alice, 'admin');
  await addMember(app, root, 'ddd', alice, 'member');

  const mine = await app.inject({ method: 'GET', url: '/api/v1/orgs', headers: alice.headers });
  t.same(
    mine.json().items.map((o: { slug: string }) => o.slug),
    ['bbb', 'ddd'],
  );
  t.equal(mine.json().nextCursor, null);

  const first = await app.inject({ method: 'GET', url: '/api/v1/orgs?limit=3', headers: root.headers });
  t.same(
    first.json().items.map((o: { slug: string }) => o.slug),
    ['aaa', 'bbb', 'ccc'],
  );
  const second = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs?limit=3&cursor=${first.json().nextCursor}`,
    headers: root.headers,
  });
  t.same(second.json(), { items: [second.json().items[0]], nextCursor: null });
  t.equal(second.json().items[0].slug, 'ddd');
  const junk = await app.inject({
    method: 'GET',
    url: '/api/v1/orgs?cursor=not-a-cursor',
    headers: root.headers,
  });
  t.equal(junk.statusCode, 400);
  t.equal(junk.json().error.code, 'RD_PAGE_CURSOR');

  const patched = await app.inject({
    method: 'PATCH',
    url: '/api/v1/orgs/bbb',
    headers: alice.headers,
    payload: { description: 'Weekly races', timezone: 'Europe/Berlin' },
  });
  t.equal(patched.statusCode, 200);
  t.match(patched.json(), { slug: 'bbb', description: 'Weekly races', timezone: 'Europe/Berlin' });
  const asMember = await app.inject({
    method: 'PATCH',
    url: '/api/v1/orgs/ddd',
    headers: alice.headers,
    payload: { name: 'mine now' },
  });
  t.equal(asMember.statusCode, 403);
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/orgs/ddd', headers: alice.headers })).json().name,
    'ddd',
    'unchanged',
  );
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/orgs/ccc', headers: alice.headers })).statusCode,
    404,
    'not a member: 404',
  );
});

t.test('an org time zone must be a real IANA zone, on creation and on change', async (t) => {
  const { app } = await createTestApp({ t });
  const root = await signIn(app, { superadmin: true });
  // Shaped like a zone (the schema pattern lets it through) but unknown to the runtime.
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: root.headers,
    payload: { slug: 'mars-league', name: 'Mars', timezone: 'Mars/Olympus_Mons' },
  });
  t.equal(created.statusCode, 400);
  t.same(Object.keys(created.json()), ['error']);
  t.match(created.json().error, { code: 'RD_TIME_ZONE_UNKNOWN', message: /Mars\/Olympus_Mons/ });
  const list = await app.inject({ method: 'GET', url: '/api/v1/orgs', headers: root.headers });
  t.same(list.json().items, [], 'nothing was created');

  await createOrg(app, root, 'earth-league');
  const patched = await app.inject({
    method: 'PATCH',
    url: '/api/v1/orgs/earth-league',
    headers: root.headers,
    payload: { name: 'Earth', timezone: 'Europe/Atlantis' },
  });
  t.equal(patched.statusCode, 400);
  t.equal(patched.json().error.code, 'RD_TIME_ZONE_UNKNOWN');
  const org = await app.inject({ method: 'GET', url: '/api/v1/orgs/earth-league', headers: root.headers });
  t.match(org.json(), { timezone: 'UTC' }, 'and nothing was changed');
  t.not(org.json().name, 'Earth');

  const fine = await app.inject({
    method: 'PATCH',
    url: '/api/v1/orgs/earth-league',
    headers: root.headers,
    payload: { timezone: 'America/Argentina/Buenos_Aires' },
  });
  t.equal(fine.statusCode, 200);
  t.equal(fine.json().timezone, 'America/Argentina/Buenos_Aires');
});
