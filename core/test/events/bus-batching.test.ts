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

t.test('only a subscriber with a prepare waits for it: the others of the event run meanwhile', async (t) => {
  const calls: string[] = [];
  const { app } = await createTestApp({ plugins: [busPlugin(calls)], t });
  const { bus, db } = app.racedesk;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  bus.subscribe({
    id: 'slow-reader',
    eventName: Pinged.name,
    priority: 'low',
    durable: false,
    timeoutMs: 1000,
    prepare: () => gate,
    handler: (e) => void calls.push(`slow-reader:${(e.payload as { n: number }).n}`),
  });
  await db.transaction(async (trx) => {
    for (const n of [1, 2]) await bus.emit(Pinged, { n }, { actor }, trx);
  });
  for (let turns = 0; turns < 1000 && !calls.includes('low:1'); turns++)
    await new Promise((resolve) => setImmediate(resolve));
  t.same(calls, ['high:1', 'normal:1', 'low:1'], 'the first event reached the subscribers without a prepare');
  release();
  await bus.idle();
  t.same(
    calls.slice(3),
    ['slow-reader:1', 'high:2', 'normal:2', 'low:2', 'slow-reader:2'],
    'the reader ran once its read-ahead was done, and the next event only after it',
  );
});

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

t.test('writeWith stores a change and the events of what it changed in one statement', async (t) => {
  const calls: string[] = [];
  const { app } = await createTestApp({ plugins: [busPlugin(calls)], t });
  const { bus, db } = app.racedesk;
  await db.raw('create table scratch (key text primary key, n int not null)');
  await db('scratch').insert({ key: 'taken', n: 0 });
  const staged = (key: string, n: number) => ({ key, event: Pinged, payload: { n }, meta: { actor } });
  // Statements that write the change or the events: other readers of the pool (the cluster feed, the
  // scheduler's polling) may run queries meanwhile, and are not counted.
  const sql: string[] = [];
  const count = (q: { sql: string }) => {
    if (/\bscratch\b|insert into events/i.test(q.sql)) sql.push(q.sql);
  };
  db.on('query', count);
  const { keys, events } = await bus.writeWith(
    {
      sql: `with gate as (
        insert into scratch (key, n) select key, n from jsonb_to_recordset(?::jsonb) as v(key text, n int)
        on conflict do nothing returning key
      )`,
      bindings: [
        JSON.stringify([
          { key: 'a', n: 1 },
          { key: 'taken', n: 2 },
          { key: 'b', n: 3 },
        ]),
      ],
    },
    [staged('a', 1), staged('taken', 2), staged('a', 11), staged('b', 3)],
  );
  db.off('query', count);
  t.equal(sql.length, 1, 'one statement');
  t.same([...keys].sort(), ['a', 'b'], 'the keys the gate returned');
  t.same(
    events.map((e) => e.payload),
    [{ n: 1 }, { n: 11 }, { n: 3 }],
    'the events of the rows written, in staging order',
  );
  await bus.idle();
  t.same(calls, [
    'high:1',
    'normal:1',
    'low:1',
    'high:11',
    'normal:11',
    'low:11',
    'high:3',
    'normal:3',
    'low:3',
  ]);
  const stored = await db('events').where({ name: Pinged.name }).orderBy('id').select('id', 'payload');
  t.same(
    stored.map((r) => [r.id, r.payload]),
    events.map((e) => [e.id, e.payload]),
    'stored with the ids the subscribers saw',
  );

  calls.length = 0;
  await t.rejects(
    bus.writeWith(
      { sql: `with gate as (insert into scratch (key, n) values ('c', null) returning key)`, bindings: [] },
      [staged('c', 4)],
    ),
    'a statement that fails',
  );
  await bus.idle();
  t.same(calls, [], 'dispatches nothing');
  t.equal(
    (await db('events').where({ name: Pinged.name }).count('* as n').first())?.n,
    3,
    'and stores no event',
  );
  await t.rejects(
    bus.writeWith({ sql: 'with gate as (select null::text as key)', bindings: [] }, [
      { key: 'x', event: Pinged, payload: { n: 'x' } as never, meta: { actor } },
    ]),
    { code: 'RD_EVENT_PAYLOAD' },
    'payloads are checked before anything is sent',
  );
});
