import { createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';

const importer = { kind: 'system', component: 'import' } as const;

t.test('placeholders are created in bulk, in order, idempotent on the Discord id', async (t) => {
  const { app } = await createTestApp({ t });
  const { users, db } = app.racedesk;
  const real = await signIn(app, { username: 'speedy' });

  let statements = 0;
  const count = () => {
    statements++;
  };
  db.on('query', count);
  const created = await users.createPlaceholders(
    [
      { displayName: 'Anon A' },
      { displayName: 'Linked B', discordId: '700000000000000001' },
      { displayName: 'Speedy elsewhere', discordId: real.discordId },
      { displayName: 'Anon C', discordId: '' },
      { displayName: 'Linked B again', discordId: '700000000000000001' },
    ],
    importer,
  );
  db.off('query', count);
  t.ok(statements <= 6, `a constant number of statements (${statements}), not one per person`);

  t.match(
    created.map((u) => ({
      displayName: u.displayName,
      discordId: u.discordId,
      isPlaceholder: u.isPlaceholder,
    })),
    [
      { displayName: 'Anon A', discordId: null, isPlaceholder: true },
      { displayName: 'Linked B', discordId: '700000000000000001', isPlaceholder: true },
      { discordId: real.discordId, isPlaceholder: false },
      { displayName: 'Anon C', discordId: null, isPlaceholder: true },
      { displayName: 'Linked B', discordId: '700000000000000001', isPlaceholder: true },
    ],
  );
  t.equal(created[2]!.id, real.userId, 'a Discord id that has a user answers that user');
  t.equal(created[1]!.id, created[4]!.id, 'one user per Discord id');
  t.not(created[0]!.id, created[3]!.id);
  const audited = await db('audit_log').where({ action: 'user.placeholder_created' }).pluck('target_id');
  t.same(
    audited.map(Number).sort((a, b) => a - b),
    [created[0]!.id, created[1]!.id, created[3]!.id].sort((a, b) => a - b),
    'one audit entry per placeholder really created',
  );

  const again = await users.createPlaceholders(
    [{ displayName: 'Linked B renamed', discordId: '700000000000000001' }],
    importer,
  );
  t.equal(again[0]!.id, created[1]!.id, 'creating again by the same Discord id creates nothing');
  t.equal((await db('users').where({ discord_id: '700000000000000001' }).pluck('id')).length, 1);
  t.same(await users.createPlaceholders([], importer), []);
});

t.test('two imports creating the same Discord ids at once end with one user each', async (t) => {
  const { app } = await createTestApp({ t });
  const { users, db } = app.racedesk;
  const specs = Array.from({ length: 200 }, (_, i) => ({
    displayName: `Runner ${i}`,
    discordId: String(800000000000000000n + BigInt(i)),
  }));
  // The first import holds its new rows uncommitted while the second one inserts the same ids.
  const first = await db.transaction();
  const a = await users.createPlaceholders(specs, importer, first);
  const second = users.createPlaceholders([...specs].reverse(), importer);
  await first.commit();
  const b = await second;
  t.same(
    a.map((u) => u.id),
    [...b].reverse().map((u) => u.id),
    'both see the same users',
  );
  t.equal((await db('users').where('discord_id', '>=', '800000000000000000').pluck('id')).length, 200);
});
