import { execFile } from 'node:child_process';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, createTestDatabase } from '@racedesk/testkit';
import t from 'tap';
import { guardedPlugin } from '../security/fixtures/guarded-plugin.js';
import { captureLogs } from './log-capture.js';

const run = promisify(execFile);
const KEY_A = 'a1'.repeat(32);
const KEY_B = 'b2'.repeat(32);
const contextOf = (app: Awaited<ReturnType<typeof createTestApp>>['app']) =>
  app.racedesk.plugins.find((p) => p.definition.id === 'guarded')!.context;

t.test('plugins encrypt secrets with AES-256-GCM; the database never holds the plaintext', async (t) => {
  const { app } = await createTestApp({ plugins: [guardedPlugin], config: { secretKey: KEY_A }, t });
  const { secrets } = contextOf(app);
  const org = await app.racedesk.orgs.create(
    { slug: 'league', name: 'League' },
    { kind: 'system', component: 'test' },
  );
  const sealed = secrets.encrypt('racetime-client-secret');
  t.match(sealed, /^v1:[0-9a-f]{12}:[\w-]+:[\w-]+:[\w-]+$/);
  t.not(secrets.encrypt('racetime-client-secret'), sealed, 'a fresh IV each time');
  t.equal(secrets.decrypt(sealed), 'racetime-client-secret');
  const parts = sealed.split(':');
  parts[4] = Buffer.from('tampered').toString('base64url');
  t.throws(() => secrets.decrypt(parts.join(':')), { code: 'RD_SECRET_TAMPERED' });

  await secrets.put({ name: 'bot-token', orgId: null }, 'instance secret');
  await secrets.put({ name: 'bot-token', orgId: org.id }, 'org secret');
  await secrets.put({ name: 'bot-token', orgId: org.id }, 'org secret, replaced');
  t.equal(await secrets.get({ name: 'bot-token' }), 'instance secret');
  t.equal(await secrets.get({ name: 'bot-token', orgId: org.id }), 'org secret, replaced');
  const rows = await app.racedesk.db('secrets').where({ owner: 'guarded' });
  t.equal(rows.length, 2);
  t.notOk(JSON.stringify(rows).includes('secret,'), 'only ciphertext is stored');
  t.ok(await secrets.delete({ name: 'bot-token', orgId: org.id }));
  t.equal(await secrets.get({ name: 'bot-token', orgId: org.id }), undefined);
});

t.test(
  'without RACEDESK_SECRET_KEY a key is generated once into the data dir (0600) and never logged',
  async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'racedesk-data-'));
    const database = await createTestDatabase();
    t.teardown(() => database.drop());
    const first = captureLogs('warn');
    const one = await createTestApp({
      plugins: [guardedPlugin],
      database,
      logger: first.logger,
      config: { secretKey: undefined, dataDir },
      t,
    });
    const keyFile = join(dataDir, 'secret.key');
    const key = (await readFile(keyFile, 'utf8')).trim();
    t.match(key, /^[0-9a-f]{64}$/);
    t.equal((await stat(keyFile)).mode & 0o777, 0o600);
    t.match(first.text(), /RACEDESK_SECRET_KEY is not set: generated a key in/);
    t.notOk(first.text().includes(key), 'the key itself is not in the log');
    await contextOf(one.app).secrets.put({ name: 'kept' }, 'survives restarts');
    await one.close();

    const second = captureLogs('warn');
    const two = await createTestApp({
      plugins: [guardedPlugin],
      database,
      logger: second.logger,
      config: { secretKey: undefined, dataDir },
      t,
    });
    t.equal(
      await contextOf(two.app).secrets.get({ name: 'kept' }),
      'survives restarts',
      'the same key is read back',
    );
    t.notMatch(second.text(), /generated a key/);
  },
);

t.test('racedesk secrets rotate re-encrypts every stored secret with the new key', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const before = await createTestApp({ plugins: [guardedPlugin], database, config: { secretKey: KEY_A }, t });
  const org = await before.app.racedesk.orgs.create(
    { slug: 'league', name: 'League' },
    { kind: 'system', component: 'test' },
  );
  await contextOf(before.app).secrets.put({ name: 'client-secret', orgId: org.id }, 'hunter2');
  await before.close();

  const bin = new URL('../../bin/racedesk.js', import.meta.url).pathname;
  const env = { ...process.env, DATABASE_URL: database.url, RACEDESK_PLUGINS: '', LOG_LEVEL: 'silent' };
  const missing = await run(process.execPath, [bin, 'secrets', 'rotate'], {
    env: { ...env, RACEDESK_SECRET_KEY: KEY_B },
  }).catch((e) => e);
  t.equal(missing.code, 2, 'the old key is required');
  const { stdout } = await run(process.execPath, [bin, 'secrets', 'rotate'], {
    env: { ...env, RACEDESK_SECRET_KEY: KEY_B, RACEDESK_PREVIOUS_SECRET_KEY: KEY_A },
  });
  t.match(stdout, /Re-encrypted 2 secrets with key [0-9a-f]{12}/, 'the plugin secret and the setup code');

  const after = await createTestApp({ plugins: [guardedPlugin], database, config: { secretKey: KEY_B }, t });
  t.equal(await contextOf(after.app).secrets.get({ name: 'client-secret', orgId: org.id }), 'hunter2');
  const again = await run(process.execPath, [bin, 'secrets', 'rotate'], {
    env: { ...env, RACEDESK_SECRET_KEY: KEY_B, RACEDESK_PREVIOUS_SECRET_KEY: KEY_A },
  });
  t.match(again.stdout, /Re-encrypted 0 secrets/, 'rotating twice is harmless');
});
