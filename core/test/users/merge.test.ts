import { UserMerged } from '@racedesk/core';
import { createOrg, createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';
import { guardedPlugin } from '../security/fixtures/guarded-plugin.js';

t.test('a placeholder merges into the real user: memberships, plugin rows, event and audit', async (t) => {
  const { app, settle } = await createTestApp({ plugins: [guardedPlugin], t });
  const { users, db } = app.racedesk;
  const ctx = app.racedesk.plugins.find((p) => p.definition.id === 'guarded')!.context;
  const system = { kind: 'system', component: 'speedgaming-import' } as const;
  const root = await signIn(app, { superadmin: true });
  await createOrg(app, root, 'league');
  const org = (await db('organizations').where({ slug: 'league' }).first())!;

  const placeholder = await ctx.users.createPlaceholder({ displayName: 'SG player 4242' }, system);
  t.match(placeholder, { isPlaceholder: true, discordId: null, displayName: 'SG player 4242' });
  const now = new Date();
  await db('org_members').insert({
    org_id: org.id,
    user_id: placeholder.id,
    role: 'member',
    joined_at: now,
    updated_at: now,
  });

  // A real account signs in first; the import learns the Discord id later.
  const real = await signIn(app, { username: 'speedy' });
  const carrier = await ctx.users.attachDiscordId(placeholder.id, real.discordId, system);
  t.equal(carrier.id, real.userId, 'the id belonged to a real user, so the placeholder merged into them');
  await settle();

  const merged = await users.byId(placeholder.id);
  t.equal(
    merged?.mergedIntoId,
    real.userId,
    'the placeholder stays as a tombstone pointing at the real user',
  );
  t.same(
    await db('org_members').where({ org_id: org.id, user_id: real.userId }).pluck('role'),
    ['member'],
    'membership moved',
  );
  t.same(await db('org_members').where({ user_id: placeholder.id }), []);
  const pluginRows = await db('audit_log').where({ action: 'guarded.moved_rows' }).first();
  t.same(
    pluginRows.details,
    { fromUserId: placeholder.id, intoUserId: real.userId },
    'the plugin moved its rows in the same transaction',
  );
  const event = await db('events').where({ name: UserMerged.name }).first();
  t.same(event.payload, { fromUserId: placeholder.id, intoUserId: real.userId });
  t.ok(await db('audit_log').where({ action: 'user.merged' }).first());

  const again = ctx.users.merge(placeholder.id, real.userId, system);
  await t.rejects(again, { code: 'RD_USER_NOT_MERGEABLE' }, 'a merged placeholder cannot merge twice');
  await t.rejects(
    ctx.users.merge(real.userId, root.userId, system),
    { code: 'RD_USER_NOT_MERGEABLE' },
    'real users are never merged away',
  );
});

t.test(
  'a placeholder whose Discord id is new simply takes it, and signing in turns it into a real user',
  async (t) => {
    const { app } = await createTestApp({ t });
    const { users } = app.racedesk;
    const placeholder = await users.createPlaceholder(
      { displayName: 'Runner' },
      { kind: 'system', component: 'import' },
    );
    await users.attachDiscordId(placeholder.id, '998877665544332211', {
      kind: 'system',
      component: 'import',
    });
    const signedIn = await users.upsertFromDiscord({ id: '998877665544332211', username: 'runner' });
    t.equal(signedIn.id, placeholder.id);
    t.match(signedIn, { isPlaceholder: false, displayName: 'Runner', discordUsername: 'runner' });
    t.same(await users.byDiscordId('998877665544332211'), signedIn);
  },
);
