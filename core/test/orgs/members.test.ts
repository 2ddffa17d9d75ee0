import { addMember, createOrg, createTestApp, type Person, signIn } from '@racedesk/testkit';
import t from 'tap';

t.test('members: add by Discord id, change roles within your own rank, always keep an owner', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  const owner = await signIn(app);
  const admin = await signIn(app);
  await createOrg(app, root, 'league');
  await addMember(app, root, 'league', owner, 'owner');
  await addMember(app, owner, 'league', admin, 'admin');
  const call = (by: Person, method: 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/v1/orgs/league/members${path}`,
      headers: by.headers,
      ...(payload ? { payload } : {}),
    });

  // Someone who has never signed in can be added by Discord id and shows up when they do.
  const added = await call(admin, 'POST', '', { discordId: '123456789012345678', role: 'moderator' });
  t.equal(added.statusCode, 201);
  t.match(added.json(), { discordId: '123456789012345678', role: 'moderator' });
  const newcomer = added.json().userId;
  t.equal(
    (await call(admin, 'POST', '', { discordId: '123456789012345678', role: 'member' })).json().error.code,
    'RD_MEMBER_EXISTS',
  );
  const signedIn = await app.racedesk.users.upsertFromDiscord({
    id: '123456789012345678',
    username: 'newcomer',
  });
  t.equal(signedIn.id, newcomer, 'signing in later finds the same user');

  t.equal(
    (await call(admin, 'POST', '', { discordId: '223456789012345678', role: 'owner' })).statusCode,
    403,
    'admins cannot make owners',
  );
  t.equal(
    (await call(admin, 'PATCH', `/${owner.userId}`, { role: 'member' })).statusCode,
    403,
    'admins cannot demote owners',
  );
  t.equal((await call(admin, 'PATCH', `/${newcomer}`, { role: 'reviewer' })).statusCode, 200);

  // The superadmin created the org and is an owner too; once they leave, `owner` is the last one.
  t.equal((await call(root, 'DELETE', `/${root.userId}`)).statusCode, 204);
  const lastOwner = await call(owner, 'PATCH', `/${owner.userId}`, { role: 'admin' });
  t.equal(lastOwner.statusCode, 409);
  t.equal(lastOwner.json().error.code, 'RD_MEMBER_LAST_OWNER');
  t.equal(
    (await call(owner, 'DELETE', `/${owner.userId}`)).statusCode,
    409,
    'the last owner cannot leave either',
  );

  const member = await signIn(app);
  await addMember(app, admin, 'league', member, 'member');
  t.equal((await call(member, 'DELETE', `/${newcomer}`)).statusCode, 403, 'members cannot remove others');
  t.equal((await call(member, 'DELETE', `/${member.userId}`)).statusCode, 204, 'but may leave');
  t.equal((await call(admin, 'DELETE', '/999999')).json().error.code, 'RD_MEMBER_NOT_FOUND');

  const list = await app.inject({
    method: 'GET',
    url: '/api/v1/orgs/league/members?limit=2',
    headers: admin.headers,
  });
  t.equal(list.json().items.length, 2);
  const rest = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/league/members?cursor=${list.json().nextCursor}`,
    headers: admin.headers,
  });
  const everyone = [...list.json().items, ...rest.json().items].map((m: { userId: number; role: string }) => [
    m.userId,
    m.role,
  ]);
  t.same(everyone, [
    [owner.userId, 'owner'],
    [admin.userId, 'admin'],
    [newcomer, 'reviewer'],
  ]);

  const audit = await app.inject({
    method: 'GET',
    url: '/api/v1/orgs/league/audit?limit=100',
    headers: admin.headers,
  });
  const actions = audit
    .json()
    .items.map((e: { action: string }) => e.action)
    .reverse();
  t.same(actions, [
    'org.created',
    'member.added',
    'member.added',
    'member.added',
    'member.role_changed',
    'member.removed',
    'member.added',
    'member.removed',
  ]);
});
