import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestApp, createTestDatabase, TestClock } from '@racedesk/testkit';
import t from 'tap';
import { busPlugin, Pinged } from '../fixtures/bus-plugin.js';

const child = fileURLToPath(new URL('../fixtures/durable-child.ts', import.meta.url));

function runChild(url: string): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, url], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => resolve(signal));
  });
}

t.test('a durable subscriber gets an event committed just before its process was killed', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  t.equal(await runChild(database.url), 'SIGKILL', 'the child died in its subscriber');

  const handled: number[] = [];
  const plugin = busPlugin(
    [],
    [{ id: 'durable', event: Pinged, durable: true, handler: (e) => void handled.push(e.payload.n) }],
  );
  const restarted = await createTestApp({ plugins: [plugin], database, clock: new TestClock(new Date()), t });
  const pending = await restarted.app.racedesk.db('events').select('pending_subscribers');
  t.same(
    pending,
    [{ pending_subscribers: ['bus:durable'] }],
    'the event is still owed to the durable subscriber',
  );

  await restarted.advance('1m');
  t.same(handled, [42], 'delivered after the restart');
  const after = await restarted.app.racedesk.db('events').first('pending_subscribers');
  t.same(after.pending_subscribers, [], 'and confirmed');

  await restarted.advance('10m');
  t.same(handled, [42], 'never delivered again once confirmed');
});

t.test('a failing durable subscriber is retried with backoff until it succeeds', async (t) => {
  let failuresLeft = 3;
  const handled: number[] = [];
  const plugin = busPlugin(
    [],
    [
      {
        id: 'flaky',
        event: Pinged,
        durable: true,
        handler: (e) => {
          if (failuresLeft-- > 0) throw new Error('downstream unavailable');
          handled.push(e.payload.n);
        },
      },
    ],
  );
  const app = await createTestApp({ plugins: [plugin], t });
  await app.app.racedesk.bus.emit(Pinged, { n: 7 }, { actor: { kind: 'anonymous' } });
  await app.settle();
  t.same(handled, [], 'first attempt failed');
  await app.advance('31s');
  t.same(handled, [], 'first redelivery, 30 s later, failed too');
  await app.advance('30s');
  t.same(handled, [], 'second redelivery, 30 s after that, failed again');
  await app.advance('55s');
  t.same(handled, [], 'backoff doubled: not retried at the next sweep, 30 s later');
  await app.advance('35s');
  t.same(handled, [7], 'a later redelivery, after the doubled delay, succeeds');
});
