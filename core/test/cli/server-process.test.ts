import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createTestDatabase, freePort } from '@racedesk/testkit';
import t, { type Test } from 'tap';
import { serverNodeFlags } from '../../src/cli/server-process.js';

const bin = new URL('../../bin/racedesk.js', import.meta.url).pathname;

t.test(
  'the server gets one core free of V8 helper threads: pool of cores − 1, between 1 and 4',
  async (t) => {
    t.same(serverNodeFlags(1), ['--v8-pool-size=1']);
    t.same(serverNodeFlags(2), ['--v8-pool-size=1']);
    t.same(serverNodeFlags(4), ['--v8-pool-size=3']);
    t.same(serverNodeFlags(32), ['--v8-pool-size=4']);
  },
);

/** Starts `racedesk serve` on a fresh database; resolves once it listens, with its output so far. */
async function startServe(t: Test, env: NodeJS.ProcessEnv = {}) {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const port = await freePort();
  const parent = spawn(process.execPath, [bin, 'serve'], {
    env: { ...process.env, DATABASE_URL: database.url, PORT: String(port), RACEDESK_PLUGINS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  parent.stdout!.on('data', (d) => (output.text += d));
  parent.stderr!.on('data', (d) => (output.text += d));
  const closed = new Promise<void>((resolve) => parent.stdout!.on('close', () => resolve()));
  t.teardown(() => {
    parent.kill('SIGKILL');
    return closed;
  });
  await t.resolves(
    new Promise<void>((resolve, reject) => {
      parent.stdout!.on('data', () => /is running at/.test(output.text) && resolve());
      parent.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${output.text}`)));
    }),
    'the server starts',
  );
  return { parent, port, output, closed };
}

/** The command lines of `pid`'s child processes (from /proc: each process's stat names its parent). */
function childCommandLines(pid: number): string[] {
  const lines: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) lines.push(readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' '));
    } catch {
      // the process ended meanwhile
    }
  }
  return lines;
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

t.test(
  'serve runs the server in a child process with the pool flag, and a SIGTERM to the command stops it gracefully',
  { skip: process.platform !== 'linux' && 'reads /proc' },
  async (t) => {
    const { parent, port, output, closed } = await startServe(t);
    t.match(childCommandLines(parent.pid!), [
      new RegExp(`--v8-pool-size=${serverNodeFlags()[0]!.split('=')[1]} .*serve`),
    ]);
    t.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200, 'and serves');
    const code = exited(parent);
    parent.kill('SIGTERM');
    t.equal(await code, 0, 'the command exits with the server’s code');
    await closed;
    t.match(output.text, /SIGTERM received, shutting down/);
    const after = await fetch(`http://127.0.0.1:${port}/healthz`).catch((e: Error) => e);
    t.type(after, Error, 'nothing listens any more');
  },
);

t.test('the server shuts down gracefully when the command that started it dies', async (t) => {
  const { parent, port, output, closed } = await startServe(t);
  parent.kill('SIGKILL');
  await closed;
  t.match(output.text, /SIGTERM received, shutting down/);
  const after = await fetch(`http://127.0.0.1:${port}/healthz`).catch((e: Error) => e);
  t.type(after, Error, 'nothing listens any more');
});

t.test(
  'with a pool size already chosen (NODE_OPTIONS), serve runs in the process itself',
  { skip: process.platform !== 'linux' && 'reads /proc' },
  async (t) => {
    const { parent, port } = await startServe(t, { NODE_OPTIONS: '--v8-pool-size=2' });
    t.same(
      childCommandLines(parent.pid!).filter((c) => c.includes('serve')),
      [],
      'no server child process',
    );
    t.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  },
);
