import { createTestApp } from '@racedesk/testkit';
import t from 'tap';

t.test("an org's organizers are found without reading every member", async (t) => {
  const { app } = await createTestApp({ t });
  const { db } = app.racedesk;
  const now = new Date();
  const [org] = await db('organizations')
    .insert({ slug: 'big', name: 'Big', created_at: now, updated_at: now })
    .returning('id');
  // An org after a large import: thousands of placeholder members, a few organizers.
  await db.raw(
    `with u as (
       insert into users (display_name, is_placeholder, created_at, updated_at)
       select 'p' || g, true, now(), now() from generate_series(1, 20000) g returning id
     )
     insert into org_members (org_id, user_id, role, joined_at, updated_at)
     select ?, id, case when id % 5000 = 0 then 'moderator' else 'member' end, now(), now() from u`,
    [org.id],
  );
  await db.raw('analyze org_members');
  const query = db('org_members')
    .where({ org_id: org.id })
    .whereIn('role', ['owner', 'admin', 'moderator'])
    .select('user_id');
  t.equal((await query.clone()).length, 4);
  const { sql, bindings } = query.toSQL().toNative();
  const plan = (await db.raw(`explain ${sql.replace(/\$\d+/g, '?')}`, bindings as never)).rows
    .map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN'])
    .join('\n');
  t.match(plan, /org_members_org_role_idx/, `the (org, role) index:\n${plan}`);
});
