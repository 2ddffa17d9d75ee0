import {
  DOMAIN_EVENTS,
  definePlugin,
  type PluginContext,
  sortByDependencies,
  systemActor,
  validateConfig,
} from '@racedesk/core';
import { createTestApp, createTestDatabase } from '@racedesk/testkit';
import t from 'tap';
import { Type } from 'typebox';
import { examplePlugin } from '../fixtures/example-plugin/index.js';
import { otherPlugin } from '../fixtures/other-plugin.js';

const plugin = (id: string, dependsOn: string[] = []) =>
  definePlugin({ id, version: '1.0.0', core: '^0.1.0', dependsOn });

t.test('plugins are ordered after their dependencies', async (t) => {
  const order = sortByDependencies([
    plugin('c', ['b']),
    plugin('a'),
    plugin('b', ['a']),
    plugin('d', ['a', 'c']),
  ]);
  t.same(
    order.map((p) => p.id),
    ['a', 'b', 'c', 'd'],
  );
});

t.test('a dependency cycle stops the boot and names the chain', async (t) => {
  t.throws(() => sortByDependencies([plugin('aa', ['bb']), plugin('bb', ['cc']), plugin('cc', ['aa'])]), {
    code: 'RD_PLUGIN_DEPENDENCY',
    message: 'Plugin dependency cycle: aa -> bb -> cc -> aa',
  });
});

t.test('a missing dependency stops the boot and names the chain', async (t) => {
  t.throws(() => sortByDependencies([plugin('aa', ['bb']), plugin('bb', ['zz'])]), {
    code: 'RD_PLUGIN_DEPENDENCY',
    message: /"bb" depends on "zz", which is not loaded \(aa -> bb -> zz\)/,
  });
});

t.test('invalid plugin config lists every bad key with its path', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const err = await createTestApp({
    plugins: [examplePlugin],
    database,
    config: { plugins: { example: { greeting: '', limit: 99 } } },
  }).catch((e: Error & { code?: string }) => e);
  t.equal((err as { code?: string }).code, 'RD_CONFIG_INVALID');
  t.match((err as Error).message, /\/plugins\/example\/greeting: must .*1 characters/);
  t.match((err as Error).message, /\/plugins\/example\/limit: must be <= 10/);
});

t.test('invalid instance config names each key', async (t) => {
  t.throws(() => validateConfig({ port: 'eighty', services: { racetimeUrl: 'not a url' } }), {
    code: 'RD_CONFIG_INVALID',
    message: /\/port: must be integer[\s\S]*\/services\/racetimeUrl: must match format "uri"/,
  });
});

t.test('manifests are validated', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const bad = [
    [definePlugin({ id: 'Bad Id', version: '1.0.0', core: '^0.1.0' }), /id must be/],
    [definePlugin({ id: 'old', version: '1.0.0', core: '^9.0.0' }), /needs @racedesk\/core \^9.0.0/],
    [definePlugin({ id: 'core', version: '1.0.0', core: '*' }), /reserved/],
    [definePlugin({ id: 'ver', version: 'one', core: '*' }), /version must be a semver version/],
  ] as const;
  for (const [p, message] of bad) {
    await t.rejects(createTestApp({ plugins: [p], database }), { code: 'RD_PLUGIN_MANIFEST', message });
  }
});

t.test('two plugins cannot define the same job or event name', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const job = { name: 'sync', handler: async () => {} };
  const dupJob = definePlugin({ id: 'dup', version: '1.0.0', core: '*', jobs: [job, job] });
  await t.rejects(createTestApp({ plugins: [dupJob], database }), { code: 'RD_PLUGIN_DUPLICATE_NAME' });

  const event = { name: 'dup.thing.done', schema: Type.Object({}) };
  const dupEvent = definePlugin({ id: 'dup', version: '1.0.0', core: '*', events: [event, event] });
  await t.rejects(createTestApp({ plugins: [dupEvent], database }), { code: 'RD_EVENT_DUPLICATE' });

  const foreign = definePlugin({
    id: 'thief',
    version: '1.0.0',
    core: '*',
    events: [{ ...event, name: 'example.note.added' }],
  });
  await t.rejects(createTestApp({ plugins: [examplePlugin, foreign], database }), {
    code: 'RD_PLUGIN_MANIFEST',
    message: /must be named "thief.<entity>.<verb>"/,
  });
});

t.test('routes are mounted per plugin, isolated, with config defaults and services', async (t) => {
  const { app } = await createTestApp({ plugins: [otherPlugin, examplePlugin], t });
  t.same(
    app.racedesk.plugins.map((p) => p.definition.id),
    ['example', 'other'],
    'loaded in dependency order',
  );
  const greeting = await app.inject({ method: 'GET', url: '/api/v1/example/greeting' });
  t.same(greeting.json(), { greeting: 'hello', decorated: true }, 'config defaults applied');
  const other = await app.inject({ method: 'GET', url: '/api/v1/other/sees-example-decorator' });
  t.same(other.json(), { decorated: false }, "a plugin's decorators stay in its scope");
  const service = app.racedesk.plugins.find((p) => p.definition.id === 'example')?.service as {
    greet(name: string): string;
  };
  t.equal(service.greet('Ada'), 'hello, Ada');
});

t.test('plugins read the validated instance config through ctx.instance, never its secrets', async (t) => {
  let seen: unknown = null;
  const reader = definePlugin({
    id: 'reader',
    version: '1.0.0',
    core: '^0.1.0',
    init: (ctx) => {
      seen = ctx.instance;
    },
  });
  await createTestApp({
    t,
    plugins: [reader],
    config: {
      publicUrl: 'https://racedesk.example',
      discordBotToken: 'bot-token-from-env',
      services: { discordUrl: 'http://127.0.0.1:9' },
      oauth: { discord: { clientId: '123', clientSecret: 'do-not-share' } },
    },
  });
  t.same(seen, {
    publicUrl: 'https://racedesk.example',
    services: {
      racetimeUrl: 'https://racetime.gg',
      speedgamingUrl: 'https://speedgaming.org',
      discordUrl: 'http://127.0.0.1:9',
    },
    discordBotToken: 'bot-token-from-env',
    oauthClientIds: { discord: '123', racetime: null },
  });
  t.notOk(JSON.stringify(seen).includes('do-not-share'), 'no client secret');
  t.notOk(JSON.stringify(seen).includes('a'.repeat(64)), 'no secret key');
  t.ok(Object.isFrozen(seen), 'read-only');
});

t.test('a plugin emits only its own events, alone or with a statement', async (t) => {
  let ctx: PluginContext | undefined;
  const spy = definePlugin({
    id: 'spy',
    version: '1.0.0',
    core: '^0.1.0',
    init: async (c) => {
      ctx = c;
    },
  });
  await createTestApp({ plugins: [spy], t });
  const foreign = DOMAIN_EVENTS[0]!;
  const actor = systemActor('spy');
  t.throws(() => ctx!.events.emit(foreign, {} as never, { actor }), /may only emit its own events/);
  t.throws(
    () =>
      ctx!.events.writeWith({ sql: 'with gate as (select null::text as key)', bindings: [] }, [
        { key: 'x', event: foreign, payload: {} as never, meta: { actor } },
      ]),
    /may only emit its own events/,
  );
});
