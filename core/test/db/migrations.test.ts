import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectDatabase, migrationStatus } from '@racedesk/core';
import { createTestApp, createTestDatabase } from '@racedesk/testkit';
import t from 'tap';
import { examplePlugin } from '../fixtures/example-plugin/index.js';

const run = promisify(execFile);

t.test('a fresh database is migrated: core first, each plugin in its own history table', async (t) => {
  const { app } = await createTestApp({ plugins: [examplePlugin], t });
  const { db } = app.racedesk;
  const core = await db('knex_migrations_core').select('name').orderBy('id');
  t.same(
    core.slice(0, 2).map((r) => r.name),
    ['20261121000001_events', '20261121000002_agenda_jobs'],
    'core migrations recorded in order',
  );
  t.notOk(
    core.some((r) => /\.(ts|js)$/.test(r.name)),
    'names have no extension',
  );
  const example = await db('knex_migrations_example').select('name');
  t.same(
    example.map((r) => r.name),
    ['20261121000001_notes'],
  );
  t.ok(await db.schema.hasTable('example_notes'));
});

t.test('running migrations again is a no-op', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const first = await createTestApp({ plugins: [examplePlugin], database, t });
  const before = await first.app.racedesk.db('knex_migrations_example').select('*');
  const status = await first.app.racedesk.migrationStatus();
  t.ok(
    status.every((s) => s.pending.length === 0),
    'nothing pending',
  );
  await first.close();

  const second = await createTestApp({ plugins: [examplePlugin], database, t });
  const after = await second.app.racedesk.db('knex_migrations_example').select('*');
  t.same(after, before, 'no migration applied twice');
  await second.close();
});

t.test('racedesk migrate --status reports applied and pending migrations', async (t) => {
  const { database, close } = await createTestApp({ t });
  const env = { ...process.env, DATABASE_URL: database.url, RACEDESK_PLUGINS: '', LOG_LEVEL: 'silent' };
  const bin = new URL('../../bin/racedesk.js', import.meta.url).pathname;
  const done = await run(process.execPath, [bin, 'migrate', '--status'], { env });
  t.match(done.stdout, /core: \d+ applied, 0 pending/);
  t.match(done.stdout, /\[x\] 20261121000001_events/);

  const db = connectDatabase(database.url);
  await db('knex_migrations_core').where({ name: '20261121000002_agenda_jobs' }).del();
  const units = [{ id: 'core', dir: new URL('../../../migrations', import.meta.url).pathname }];
  t.same((await migrationStatus(db, units))[0]?.pending, ['20261121000002_agenda_jobs']);
  await db.destroy();
  const pending = await run(process.execPath, [bin, 'migrate', '--status'], { env }).catch((err) => err);
  t.equal(pending.code, 3, 'exit code 3 when migrations are pending');
  t.match(pending.stdout, /\[ \] 20261121000002_agenda_jobs/);
  await close();
});
