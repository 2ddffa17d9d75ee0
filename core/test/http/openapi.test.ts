import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { examplePlugin } from '../fixtures/example-plugin/index.js';
import { guardedPlugin } from '../security/fixtures/guarded-plugin.js';

// `/api/v1/orgs/:org/matches/:id` in the route table is `/api/v1/orgs/{org}/matches/{id}` in OpenAPI.
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

t.test('every route of the live route table is in the OpenAPI document with its method', async (t) => {
  const { app } = await createTestApp({ plugins: [examplePlugin, guardedPlugin], t });
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
  t.equal(res.statusCode, 200);
  const paths = res.json().paths as Record<string, Record<string, unknown>>;
  const routes = app.racedesk.routes;

  // The table covers core routes and both kinds of plugin routes, so the check below means something.
  t.ok(routes.some((r) => r.url === '/api/v1/orgs/:org/matches' && r.method === 'POST'));
  t.ok(routes.some((r) => r.pluginId === 'example' && r.scope === 'instance'));
  t.ok(routes.some((r) => r.pluginId === 'guarded' && r.scope === 'org'));

  const missing = routes
    .filter((r) => !paths[openApiPath(r.url)]?.[r.method.toLowerCase()])
    .map((r) => `${r.method} ${r.url}`);
  t.same(missing, [], 'no route is missing from the document');
});
