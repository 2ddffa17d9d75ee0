import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';
import { league } from '../matches/helpers.js';
import { startDedupReceiver } from './dedup-receiver.js';
import { httpChannelPlugin } from './http-channel.js';

const child = fileURLToPath(new URL('../fixtures/delivery-child.ts', import.meta.url));

function runChild(args: string[]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', child, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => resolve(signal));
  });
}

t.test('every delivery arrives exactly once despite intermittent failures and a killed worker', async (t) => {
  // New requests 2, 5 and 7 fail; everything else is accepted.
  const recipient = await startDedupReceiver(t, [200, 503, 200, 200, 503, 200, 503]);
  const plugins = [httpChannelPlugin(recipient.url)];
  // The API instance only fans out; deliveries wait for a worker.
  const api = await createTestApp({ plugins, role: 'api', rateLimits: false, t });
  const { app, clock, database } = api;
  const { org, mod, alice, bob, tournamentId } = await league(app);
  const more = await Promise.all(['carol', 'dave', 'erin', 'frank'].map((u) => signIn(app, { username: u })));
  const players = [alice, bob, ...more].map((p) => p.userId);
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/matches`,
    headers: mod.headers,
    payload: { tournamentId, scheduledAt: '2030-01-09T18:00:00Z', players },
  });
  t.equal(created.statusCode, 201);
  await api.settle();
  const db = app.racedesk.db;
  const rows = () =>
    db('notification_deliveries').orderBy('id').select('id', 'idempotency_key', 'status', 'attempts');
  t.equal((await rows()).length, 6, 'one delivery per player');

  const signal = await runChild([database.url, recipient.url, clock.now().toISOString()]);
  t.equal(signal, 'SIGKILL', 'the worker died right after its fourth send');
  const [d1, d2, d3, d4, ...untouched] = await rows();
  t.match(
    [d1, d2, d3, d4],
    [
      { status: 'sent', attempts: 1 },
      { status: 'pending', attempts: 1 },
      { status: 'sent', attempts: 1 },
      { status: 'sending', attempts: 1 },
    ],
  );
  t.match(
    untouched,
    [
      { status: 'pending', attempts: 0 },
      { status: 'pending', attempts: 0 },
    ],
    'not claimed, no attempt spent',
  );

  // A worker instance takes over: retries after backoff, and the dead worker's claim after its lease.
  const worker = await createTestApp({ plugins, role: 'worker', database, clock, t });
  await worker.advance('10m');
  const final = await rows();
  t.ok(
    final.every((r) => r.status === 'sent'),
    'everything was delivered',
  );
  t.equal(recipient.accepted.size, 6, 'the recipient acted on each delivery once');
  t.same([...recipient.accepted.keys()].sort(), final.map((r) => r.idempotency_key).sort());
  const okSends = (key: string) => recipient.requests.filter((r) => r.key === key && r.status < 300).length;
  for (const row of final) {
    const expected = row.id === d4!.id ? 2 : 1;
    t.equal(okSends(row.idempotency_key), expected, `delivery ${row.id} accepted ${expected} time(s)`);
  }
  t.match(
    final.find((r) => r.id === d4!.id),
    { attempts: 2 },
    'the send in flight at the kill was retried once, with the same key',
  );
  t.equal(
    recipient.requests.length,
    final.reduce((n, r) => n + r.attempts, 0),
    'no request the log does not count',
  );
});
