import { createOrg, createTestApp, type Person, signIn } from '@racedesk/testkit';
import t from 'tap';

interface Listed {
  userId: number;
  displayName: string;
}

t.test('members: q finds by display name, Discord username or user id, in this org only', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  await createOrg(app, root, 'league');
  await createOrg(app, root, 'rivals');
  let discordId = 700000000000000000n;
  const join = async (slug: string, username: string, globalName: string | null) => {
    const id = String(discordId++);
    const user = await app.racedesk.users.upsertFromDiscord({ id, username, global_name: globalName });
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${slug}/members`,
      headers: root.headers,
      payload: { discordId: id, role: 'member' },
    });
    t.equal(res.statusCode, 201, `${username} joins ${slug}`);
    return user.id;
  };
  const alice = await join('league', 'rabbit_hole', 'Alice Liddell');
  const bob = await join('league', 'bobby', 'Bob 100% Real');
  const underscored = await join('league', 'snake_case', null);
  const lookalike = await join('league', 'snakeXcase', 'Snake X');
  const percentless = await join('league', 'hundred', 'Carol 1000 Real');
  await join('rivals', 'alice_rival', 'Alice Elsewhere');

  const search = async (by: Person, q: string, extra = '') => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/league/members?q=${encodeURIComponent(q)}${extra}`,
      headers: by.headers,
    });
    t.equal(res.statusCode, 200, `q=${JSON.stringify(q)} answers`);
    return res.json() as { items: Listed[]; nextCursor: string | null };
  };
  const ids = async (q: string) => (await search(root, q)).items.map((m) => m.userId);

  t.same(await ids('alice'), [alice], 'by display name, any case, and never a member of another org');
  t.same(await ids('  LIDDELL '), [alice], 'q is trimmed');
  t.same(await ids('RABBIT'), [alice], 'by Discord username');
  t.same(await ids(String(bob)), [bob], 'by user id');
  t.same(await ids('e_c'), [underscored], '_ is a plain underscore, not any character');
  t.same(await ids('100%'), [bob], '% is a plain percent sign, not anything');
  t.same(await ids('%'), [bob]);
  t.same(await ids('\\'), [], 'a backslash is a plain character too');
  t.same(await ids('nobody like this'), []);
  t.notOk((await ids('snake')).includes(percentless));
  t.same(await ids('snake'), [underscored, lookalike]);
  t.same(
    (await search(root, 'snake_case')).items.map((m) => m.displayName),
    ['snake_case'],
    'members without a display name show (and are found by) their Discord username',
  );

  // Another org's member is not found by id either.
  const rival = (
    await app.inject({ method: 'GET', url: '/api/v1/orgs/rivals/members?q=alice', headers: root.headers })
  ).json().items[0] as Listed;
  t.equal(rival.displayName, 'Alice Elsewhere');
  t.same(await ids(String(rival.userId)), [], "another org's member is not found by their id");
});

t.test('members: paging with q keeps to the matches, in user id order', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  await createOrg(app, root, 'league');
  const runners: number[] = [];
  for (let i = 1; i <= 7; i++) {
    const id = String(710000000000000000n + BigInt(i));
    const name = i % 2 ? `Runner ${i}` : `Walker ${i}`;
    const user = await app.racedesk.users.upsertFromDiscord({ id, username: `p${i}`, global_name: name });
    await app.inject({
      method: 'POST',
      url: '/api/v1/orgs/league/members',
      headers: root.headers,
      payload: { discordId: id, role: 'member' },
    });
    if (i % 2) runners.push(user.id);
  }
  const seen: Listed[] = [];
  const sizes: number[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/league/members?q=runner&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      headers: root.headers,
    });
    t.equal(res.statusCode, 200);
    const page = res.json() as { items: Listed[]; nextCursor: string | null };
    sizes.push(page.items.length);
    seen.push(...page.items);
    cursor = page.nextCursor;
  }
  t.same(sizes, [3, 1], 'four runners in pages of three');
  t.same(
    seen.map((m) => m.userId),
    runners,
    'every runner once, in user id order, no walker',
  );
});

t.test('members: a bad q is a 400 in the one error shape', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  await createOrg(app, root, 'league');
  for (const q of ['', '   ', 'x'.repeat(101), 'a\u0000b']) {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/league/members?q=${encodeURIComponent(q)}`,
      headers: root.headers,
    });
    t.equal(res.statusCode, 400, `q=${JSON.stringify(q.slice(0, 10))} is refused`);
    t.equal(res.json().error.code, 'RD_VALIDATION');
    t.match(res.json().error.message, /q/);
  }
  const ok = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/league/members?q=${'x'.repeat(100)}`,
    headers: root.headers,
  });
  t.same(ok.json(), { items: [], nextCursor: null }, '100 characters are fine');

  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  const params = doc.paths['/api/v1/orgs/{org}/members'].get.parameters as { name: string }[];
  t.ok(
    params.some((p) => p.name === 'q'),
    'q is in the OpenAPI document',
  );
});
