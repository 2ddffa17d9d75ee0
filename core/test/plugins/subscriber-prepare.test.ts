import { type DispatchedEvent, systemActor } from '@racedesk/core';
import { createOrg, createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';
import { busPlugin, Pinged } from '../fixtures/bus-plugin.js';
import { captureLogs } from '../secrets/log-capture.js';

const actor = systemActor('test');

t.test(
  "a plugin subscriber's prepare reads ahead once for its transaction's events of organizations with the plugin on",
  async (t) => {
    const prepared: number[][] = [];
    const seen: string[] = [];
    // What the read-ahead found, for the handlers to use instead of a query each.
    const found = new Map<number, string>();
    const prepare = async (events: Array<DispatchedEvent<typeof Pinged>>) => {
      prepared.push(events.map((e) => e.payload.n));
      for (const e of events) found.set(e.payload.n, `row ${e.payload.n}`);
    };
    const reader = (id: string) => ({
      id,
      event: Pinged,
      prepare,
      handler: (e: DispatchedEvent<typeof Pinged>) =>
        void seen.push(`${id}:${found.get(e.payload.n) ?? 'not read ahead'}`),
    });
    const { app } = await createTestApp({
      plugins: [busPlugin([], [reader('reader-a'), reader('reader-b')])],
      t,
    });
    const root = await signIn(app, { superadmin: true });
    const orgId = async (slug: string) => {
      await createOrg(app, root, slug);
      return (await app.inject({ method: 'GET', url: `/api/v1/orgs/${slug}`, headers: root.headers })).json()
        .id as number;
    };
    const on = await orgId('alpha');
    const off = await orgId('beta');
    const enabled = await app.inject({
      method: 'PUT',
      url: '/api/v1/orgs/alpha/plugins/bus',
      headers: root.headers,
      payload: { enabled: true, settings: {} },
    });
    t.equal(enabled.statusCode, 200, enabled.body);

    const { bus, db } = app.racedesk;
    await db.transaction(async (trx) => {
      await bus.emit(Pinged, { n: 1 }, { actor, orgId: on }, trx);
      await bus.emit(Pinged, { n: 2 }, { actor, orgId: off }, trx);
      await bus.emit(Pinged, { n: 3 }, { actor }, trx);
    });
    await bus.idle();

    t.same(prepared, [[1, 3]], 'one call for both subscribers, without the event of the org that has it off');
    t.same(
      seen.sort(),
      ['reader-a:row 1', 'reader-a:row 3', 'reader-b:row 1', 'reader-b:row 3'],
      'each handler found what the read-ahead read',
    );
  },
);

t.test("a plugin subscriber's failing prepare is logged and its handler runs all the same", async (t) => {
  const seen: number[] = [];
  const logs = captureLogs();
  const { app } = await createTestApp({
    logger: logs.logger,
    plugins: [
      busPlugin(
        [],
        [
          {
            id: 'reader',
            event: Pinged,
            prepare: async () => {
              throw new Error('read-ahead failed');
            },
            handler: (e) => void seen.push(e.payload.n),
          },
        ],
      ),
    ],
    t,
  });
  const { bus, db } = app.racedesk;
  await db.transaction(async (trx) => {
    await bus.emit(Pinged, { n: 7 }, { actor }, trx);
  });
  await bus.idle();
  t.same(seen, [7]);
  const warning = logs.lines
    .map((l) => JSON.parse(l))
    .find((l) => l.msg === 'event subscriber could not prepare');
  t.match(warning, { err: { message: 'read-ahead failed' }, events: 1 });
});
