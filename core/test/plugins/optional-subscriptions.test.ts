import { defineEvent, definePlugin, defineSubscriber, systemActor } from '@racedesk/core';
import { createTestApp, createTestDatabase } from '@racedesk/testkit';
import t from 'tap';
import { Type } from 'typebox';
import { captureLogs } from '../secrets/log-capture.js';

// The producer's event, and the listener's own reference to it by name (plugins never import each other).
const ThingDone = defineEvent('producer.thing.done', Type.Object({ n: Type.Integer() }), 'A thing was done');
const ThingDoneByName = defineEvent('producer.thing.done', Type.Object({ n: Type.Integer() }));

const producer = definePlugin({ id: 'producer', version: '1.0.0', core: '*', events: [ThingDone] });

function listener(optional: boolean) {
  const seen: number[] = [];
  const plugin = definePlugin({
    id: 'listener',
    version: '1.0.0',
    core: '*',
    subscriptions: [
      defineSubscriber({
        id: 'count-things',
        event: ThingDoneByName,
        optional,
        handler: (event) => void seen.push(event.payload.n),
      }),
    ],
  });
  return { plugin, seen };
}

t.test('an optional subscriber whose event nobody declares is skipped with a log line', async (t) => {
  const logs = captureLogs();
  const { plugin } = listener(true);
  const { app } = await createTestApp({ plugins: [plugin], logger: logs.logger, t });
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 200, 'the instance booted');
  const line = logs.lines.map((l) => JSON.parse(l)).find((l) => l.event === 'producer.thing.done');
  t.match(line, {
    plugin: 'listener',
    subscriber: 'count-things',
    msg: 'optional subscriber skipped: no loaded plugin declares its event',
  });
});

t.test('a required subscriber to an undeclared event still stops the boot', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  await t.rejects(createTestApp({ plugins: [listener(false).plugin], database }), {
    code: 'RD_EVENT_UNKNOWN',
    message: /"listener:count-things" listens to undeclared event "producer.thing.done"/,
  });
});

t.test('an optional subscriber receives the event when its plugin is loaded, in any order', async (t) => {
  const { plugin, seen } = listener(true);
  // The listener comes first and does not depend on the producer: events are declared before wiring.
  const { app, settle } = await createTestApp({ plugins: [plugin, producer], t });
  await app.racedesk.bus.emit(ThingDone, { n: 7 }, { actor: systemActor('producer') });
  await settle();
  t.same(seen, [7]);
});
