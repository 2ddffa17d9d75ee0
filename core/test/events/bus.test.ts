import { systemActor } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { busPlugin, Pinged } from '../fixtures/bus-plugin.js';

const actor = systemActor('test');

t.test('subscribers run after commit, by priority', async (t) => {
  const calls: string[] = [];
  const { app } = await createTestApp({ plugins: [busPlugin(calls)], t });
  const { bus, db } = app.racedesk;
  await db.transaction(async (trx) => {
    await bus.emit(Pinged, { n: 1 }, { actor }, trx);
    await new Promise((resolve) => setImmediate(resolve));
    t.same(calls, [], 'nothing runs before commit');
  });
  await bus.idle();
  t.same(calls, ['high:1', 'normal:1', 'low:1']);
  const row = await db('events').where({ name: 'bus.ping.sent' }).first();
  t.same(row.payload, { n: 1 });
  t.same(row.actor, { kind: 'system', component: 'test' });
});

t.test('the events of one transaction reach subscribers in emit order', async (t) => {
  const calls: string[] = [];
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const gated = {
    id: 'gated',
    event: Pinged,
    priority: 'high' as const,
    handler: async (e: { payload: { n: number } }) => {
      if (e.payload.n === 1) await gate;
    },
  };
  const { app } = await createTestApp({ plugins: [busPlugin(calls, [gated])], t });
  const { bus, db } = app.racedesk;
  await db.transaction(async (trx) => {
    await bus.emit(Pinged, { n: 1 }, { actor }, trx);
    await bus.emit(Pinged, { n: 2 }, { actor }, trx);
  });
  await new Promise((resolve) => setImmediate(resolve));
  t.same(calls, ['high:1'], 'the second event waits while the first is still with a subscriber');
  open();
  await bus.idle();
  t.same(calls, ['high:1', 'normal:1', 'low:1', 'high:2', 'normal:2', 'low:2']);
});

t.test('nothing is dispatched or stored for a rolled-back transaction', async (t) => {
  const calls: string[] = [];
  const { app } = await createTestApp({ plugins: [busPlugin(calls)], t });
  const { bus, db } = app.racedesk;
  await t.rejects(
    db.transaction(async (trx) => {
      await bus.emit(Pinged, { n: 2 }, { actor }, trx);
      throw new Error('change failed');
    }),
    /change failed/,
  );
  await bus.idle();
  t.same(calls, []);
  t.equal((await db('events').count('* as n').first())?.n, 0);
});

t.test('a savepoint commit waits for the outer transaction', async (t) => {
  const calls: string[] = [];
  const { app } = await createTestApp({ plugins: [busPlugin(calls)], t });
  const { bus, db } = app.racedesk;
  await t.rejects(
    db.transaction(async (outer) => {
      await outer.transaction(async (inner) => bus.emit(Pinged, { n: 3 }, { actor }, inner));
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('outer failed');
    }),
  );
  await bus.idle();
  t.same(calls, [], 'the savepoint was released but the outer transaction rolled back');
});

t.test('a failing or hanging subscriber affects neither the emitter nor the others', async (t) => {
  const calls: string[] = [];
  const plugin = busPlugin(calls, [
    { id: 'throws', event: Pinged, priority: 'high', handler: () => Promise.reject(new Error('boom')) },
    { id: 'hangs', event: Pinged, priority: 'high', timeoutMs: 50, handler: () => new Promise(() => {}) },
  ]);
  const { app } = await createTestApp({ plugins: [plugin], t });
  const emitted = await app.racedesk.bus.emit(Pinged, { n: 4 }, { actor });
  t.equal(emitted.name, 'bus.ping.sent', 'emit resolves normally');
  await app.racedesk.bus.idle();
  t.same(calls, ['high:4', 'normal:4', 'low:4']);
  const metrics = await app.racedesk.metrics.registry.getSingleMetricAsString(
    'racedesk_event_subscriber_runs_total',
  );
  t.match(metrics, /subscriber="bus:throws",outcome="error"} 1/);
  t.match(metrics, /subscriber="bus:hangs",outcome="error"} 1/);
});

t.test('payloads are checked against the event schema', async (t) => {
  const { app } = await createTestApp({ plugins: [busPlugin([])], t });
  await t.rejects(app.racedesk.bus.emit(Pinged, { n: 'x' } as never, { actor }), {
    code: 'RD_EVENT_PAYLOAD',
  });
});

t.test('other instances on the same database receive committed events', async (t) => {
  const a = await createTestApp({ plugins: [busPlugin([])], t });
  const b = await createTestApp({ plugins: [busPlugin([])], database: a.database, clock: a.clock, t });
  const received = new Promise<{ name: string; payload: unknown }>((resolve) => {
    b.app.racedesk.cluster.on((event) => resolve(event));
  });
  await a.app.racedesk.db.transaction((trx) =>
    a.app.racedesk.bus.emit(Pinged, { n: 5 }, { actor, orgId: 7 }, trx),
  );
  const event = await received;
  t.equal(event.name, 'bus.ping.sent');
  t.same(event.payload, { n: 5 });
});

t.test("another instance receives all of a large transaction's events once, in emit order", async (t) => {
  const a = await createTestApp({ plugins: [busPlugin([])], t });
  const b = await createTestApp({ plugins: [busPlugin([])], database: a.database, clock: a.clock, t });
  const count = 900; // more ids than one notification carries
  const seen: number[] = [];
  const all = new Promise<void>((resolve) => {
    b.app.racedesk.cluster.on((event) => {
      seen.push((event.payload as { n: number }).n);
      if (seen.length === count) resolve();
    });
  });
  await a.app.racedesk.db.transaction(async (trx) => {
    await Promise.all(
      Array.from({ length: count }, (_, n) =>
        a.app.racedesk.bus.emit(Pinged, { n }, { actor, orgId: 7 }, trx),
      ),
    );
  });
  await all;
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.same(
    seen,
    Array.from({ length: count }, (_, n) => n),
  );
});

t.test('subscribers get the payload as emitted, whatever the emitter changes afterwards', async (t) => {
  const seen: unknown[] = [];
  const plugin = busPlugin([], [{ id: 'reader', event: Pinged, handler: (e) => void seen.push(e.payload) }]);
  const { app } = await createTestApp({ plugins: [plugin], t });
  const { bus, db } = app.racedesk;
  const emitted = await db.transaction(async (trx) => {
    const payload = { n: 1 };
    const event = await bus.emit(Pinged, payload, { actor }, trx);
    payload.n = 2;
    return event;
  });
  await bus.idle();
  t.same(seen, [{ n: 1 }]);
  t.same(emitted.payload, { n: 1 });
  const row = await db('events').where({ id: emitted.id }).first();
  t.same(row.payload, { n: 1 });
  t.equal(new Date(row.occurred_at).getTime(), emitted.occurredAt.getTime(), 'the stored time');
});
