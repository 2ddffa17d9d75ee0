import { definePlugin } from '@racedesk/core';
import { createTestApp, createTestDatabase, signIn } from '@racedesk/testkit';
import t from 'tap';
import { Type } from 'typebox';
import { examplePlugin } from '../fixtures/example-plugin/index.js';

t.test("a plugin's `me` routes answer the signed-in caller under /api/v1/me/<id>", async (t) => {
  const { app } = await createTestApp({ plugins: [examplePlugin], t });
  const anonymous = await app.inject({ method: 'GET', url: '/api/v1/me/example/greeting' });
  t.equal(anonymous.statusCode, 401);
  t.equal(anonymous.json().error.code, 'RD_AUTH_REQUIRED', 'the one guard answers anonymous callers');

  const ada = await signIn(app);
  const res = await app.inject({ method: 'GET', url: '/api/v1/me/example/greeting', headers: ada.headers });
  t.equal(res.statusCode, 200, res.body);
  t.same(res.json(), { greeting: 'hello from an all instance', userId: ada.userId });
  t.equal(
    (await app.inject({ method: 'GET', url: '/api/v1/example/me/greeting', headers: ada.headers }))
      .statusCode,
    404,
    'not mounted under the instance prefix',
  );
  const core = await app.inject({ method: 'GET', url: '/api/v1/me', headers: ada.headers });
  t.equal(core.json().user.id, ada.userId, "the core's own /api/v1/me is untouched");

  const route = app.racedesk.routes.find((r) => r.url === '/api/v1/me/example/greeting');
  t.match(route, { scope: 'instance', auth: 'user', pluginId: 'example' }, 'in the route table');
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  t.ok(doc.paths['/api/v1/me/example/greeting']?.get, 'in the OpenAPI document');
  t.same(doc.paths['/api/v1/me/example/greeting'].get.security, [{ bearerAuth: [] }, { sessionCookie: [] }]);
});

t.test('a `me` route may opt out of sign-in with config.auth', async (t) => {
  const open = definePlugin({
    id: 'open',
    version: '1.0.0',
    core: '^0.1.0',
    routes: {
      me: async (app) => {
        app.get(
          '/hello',
          { config: { auth: 'public' }, schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } } },
          async () => ({ ok: true }),
        );
      },
    },
  });
  const { app } = await createTestApp({ plugins: [open], t });
  const res = await app.inject({ method: 'GET', url: '/api/v1/me/open/hello' });
  t.equal(res.statusCode, 200, res.body);
});

t.test('plugins see the instance role in their context; an api instance serves `me` routes', async (t) => {
  const database = await createTestDatabase();
  t.teardown(() => database.drop());
  const seen: string[] = [];
  const watcher = definePlugin({
    id: 'watcher',
    version: '1.0.0',
    core: '^0.1.0',
    init: (ctx) => {
      seen.push(ctx.role);
    },
  });
  const api = await createTestApp({ plugins: [examplePlugin, watcher], role: 'api', database, t });
  const worker = await createTestApp({ plugins: [watcher], role: 'worker', database, t });
  await createTestApp({ plugins: [watcher], database, t });
  t.same(seen, ['api', 'worker', 'all']);
  t.equal(worker.app.racedesk.role, 'worker');

  const ada = await signIn(api.app);
  const res = await api.app.inject({
    method: 'GET',
    url: '/api/v1/me/example/greeting',
    headers: ada.headers,
  });
  t.equal(res.json().greeting, 'hello from an api instance');
});
