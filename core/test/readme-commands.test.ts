// The two promises of the README, checked on a clean clone in a temporary folder:
// `npm install && npm start` serves Racedesk on an embedded PostgreSQL with no other setup, and
// `npm test` passes (run on one test file here, so the suite does not run itself recursively).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@racedesk/testkit';
import t from 'tap';

t.setTimeout(600_000);
const repo = new URL('../..', import.meta.url).pathname;

/** The environment of a new machine: no database and no Racedesk settings from this process. */
function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_prefer_offline: 'true', ...extra };
  for (const key of Object.keys(env)) {
    const ours = key === 'DATABASE_URL' || key === 'TEST_DATABASE_URL' || key.startsWith('RACEDESK_');
    // tap marks its child processes through the environment; the nested `npm test` is not one.
    const taps = /^_?TAP/.test(key) || key === 'NODE_OPTIONS';
    if (ours || taps) delete env[key];
  }
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    proc.stdout.on('data', (d) => (output += d));
    proc.stderr.on('data', (d) => (output += d));
    proc.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')}: ${code}\n${output.slice(-3000)}`)),
    );
  });
}

function waitForOutput(proc: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (d: Buffer) => {
      output += d;
      if (pattern.test(output)) resolve(output);
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => reject(new Error(`exited with ${code} before ready:\n${output.slice(-3000)}`)));
  });
}

t.test('npm install && npm start, then npm test, on a clean clone', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'racedesk-clone-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${repo}`, dir]);
  const port = await freePort();
  const env = bareEnv({ PORT: String(port), RACEDESK_EMBEDDED_PG_PORT: String(await freePort()) });

  await run('npm', ['install', '--no-audit', '--no-fund'], dir, env);
  const server = spawn('npm', ['start'], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  t.teardown(() => {
    try {
      process.kill(-server.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  });
  await waitForOutput(server, /is running at http:\/\/localhost:\d+/);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  t.equal(health.status, 200);
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
  t.equal(ready.status, 200, 'ready: embedded database reachable and migrated');
  // The postmaster's lock file exists while it runs and is removed by a clean shutdown. (Probing its
  // port afterwards is not proof: another test's database may be given the freed port.)
  const postmasterPid = join(dir, '.racedesk', 'postgres', 'postmaster.pid');
  t.ok(existsSync(postmasterPid), 'the embedded PostgreSQL runs');
  let log = '';
  server.stdout?.on('data', (d) => (log += d));
  // npm exits at once on a signal; the server is done when the last writer closes the output pipe.
  const finished = new Promise((resolve) => server.stdout?.on('close', resolve));
  process.kill(-server.pid!, 'SIGTERM');
  await finished;
  t.match(log, /SIGTERM received, shutting down/, 'shuts down gracefully on SIGTERM');
  t.notMatch(log, /"level":50/, 'without errors');
  t.notOk(existsSync(postmasterPid), 'and stops the embedded PostgreSQL');

  const tests = await run('npm', ['test', '--', 'core/test/http/health.test.ts'], dir, env);
  t.match(tests, /# \{ total: \d+, pass: \d+ \}/, 'npm test passes on the bare machine');
});
