import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';

const run = promisify(execFile);
const bin = new URL('../../bin/racedesk.js', import.meta.url).pathname;

async function racedesk(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

t.test('unknown commands and bad flags print usage and exit non-zero', async (t) => {
  const unknown = await racedesk(['frobnicate']);
  t.equal(unknown.code, 2);
  t.match(unknown.stderr, /Unknown command "frobnicate"/);
  t.match(unknown.stderr, /Usage: racedesk <command>/);

  const badFlag = await racedesk(['migrate', '--force']);
  t.equal(badFlag.code, 2);
  t.match(badFlag.stderr, /Unknown option '--force'/);

  const badRole = await racedesk(['serve', '--role', 'boss']);
  t.equal(badRole.code, 2);
  t.match(badRole.stderr, /--role must be api, worker or all/);

  const none = await racedesk([]);
  t.equal(none.code, 2);

  const help = await racedesk(['help']);
  t.equal(help.code, 0);
  t.match(help.stdout, /serve \[--role api\|worker\|all\]/);
});

t.test('plugins and jobs commands read the configured database', async (t) => {
  const { database, advance } = await createTestApp({ t });
  await advance('1s');
  const env = { DATABASE_URL: database.url, RACEDESK_PLUGINS: '', LOG_LEVEL: 'silent' };
  const plugins = await racedesk(['plugins'], env);
  t.equal(plugins.code, 0, plugins.stderr);
  t.match(plugins.stdout, /No plugins loaded/);

  const jobs = await racedesk(['jobs'], env);
  t.equal(jobs.code, 0, jobs.stderr);
  t.match(jobs.stdout, /core:redeliver-events/);
  t.match(jobs.stdout, /core:prune-events/);
});

t.test('an invalid environment stops the command with the bad key', async (t) => {
  const result = await racedesk(['migrate', '--status'], {
    PORT: 'abc',
    DATABASE_URL: 'postgres://127.0.0.1:1/x',
  });
  t.equal(result.code, 1);
  t.match(result.stderr, /\/port: must be integer/);
});
