import { type DispatchedEvent, systemActor } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { busPlugin, Pinged } from '../fixtures/bus-plugin.js';

const actor = systemActor('test');
const EVENTS = 300;

t.test(
  "a subscriber's prepare gets a committed transaction's events once, before the first is dispatched",
  async (t) => {
    const calls: string[] = [];
    const { app } = await createTestApp({ plugins: [busPlugin(calls)], t });
    const { bus, db } = app.racedesk;
    const prepared: number[][] = [];
    const prepare = async (events: DispatchedEvent[]) => {
      prepared.push(events.map((e) => (e.payload as { n: number }).n));
      calls.push('prepared');
    };
    // Two subscriptions sharing one prepare: one call with the events once each.
    for (const id of ['reader-a', 'reader-b'])
      bus.subscribe({
        id,
        eventName: Pinged.name,
        priority: 'normal',
        durable: false,
        timeoutMs: 1000,
        prepare,
        handler: () => {},
      });
    await db.transaction(async (trx) => {
      for (const n of [1, 2, 3]) await bus.emit(Pinged, { n }, { actor }, trx);
    });
    await bus.idle();
    t.same(prepared, [[1, 2, 3]]);
    t.equal(calls[0], 'prepared', 'before any subscriber ran');
    t.same(
      calls.slice(1),
      ['high:1', 'normal:1', 'low:1', 'high:2', 'normal:2', 'low:2', 'high:3', 'normal:3', 'low:3'],
      'then the events in emit order, as without it',
    );

    calls.length = 0;
    bus.subscribe({
      id: 'broken-reader',
      eventName: Pinged.name,
      priority: 'normal',
      durable: false,
      timeoutMs: 1000,
      prepare: async () => {
        throw new Error('read-ahead failed');
      },
      handler: () => {},
    });
    await db.transaction(async (trx) => {
      await bus.emit(Pinged, { n: 4 }, { actor }, trx);
    });
    await bus.idle();
    t.same(calls.slice(-3), ['high:4', 'normal:4', 'low:4'], 'a failing prepare stops no dispatch');
  },
);

t.test(
  'durable subscribers confirm a stream of events in a few shared statements; idle waits for them',
  async (t) => {
    const handled: number[] = [];
    const plugin = busPlugin(
      [],
      [{ id: 'durable', event: Pinged, durable: true, handler: (e) => void handled.push(e.payload.n) }],
    );
    const { app } = await createTestApp({ plugins: [plugin], t });
    const { bus, db } = app.racedesk;
    let confirmations = 0;
    const count = (q: { sql: string }) => {
      if (/^update "events" set "pending_subscribers"/.test(q.sql)) confirmations++;
    };
    db.on('query', count);
    await db.transaction(async (trx) => {
      await Promise.all(Array.from({ length: EVENTS }, (_, n) => bus.emit(Pinged, { n }, { actor }, trx)));
    });
    await bus.idle();
    db.off('query', count);
    t.equal(handled.length, EVENTS, 'every event handled');
    const owed = await db('events').whereRaw('cardinality(pending_subscribers) > 0').count('* as n').first();
    t.equal(Number(owed!.n), 0, 'every event confirmed once the bus is idle');
    t.ok(confirmations < EVENTS / 10, `${confirmations} confirmation statements for ${EVENTS} events`);
  },
);
