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

// Outside /api/v1 the guard's table has no entry, so the operations fixed points of ARCHITECTURE §6 are
// listed here: operators and their probes rely on them, so they are documented like any API route.
// (The document itself, /api/docs, and the admin panel, /admin, are pages, not API.)
const OPERATIONS = [
  { url: '/healthz', type: 'application/json', statuses: ['200'] },
  { url: '/readyz', type: 'application/json', statuses: ['200', '503'] },
  { url: '/metrics', type: 'text/plain', statuses: ['200'] },
];

t.test('the health and metrics routes are in the OpenAPI document with what they answer', async (t) => {
  const { app } = await createTestApp({ t });
  const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  type Operation = { tags?: string[]; security?: unknown; responses: Record<string, { content?: object }> };
  for (const { url, type, statuses } of OPERATIONS) {
    t.ok(app.hasRoute({ method: 'GET', url }), `${url} is in the live route table`);
    const op = doc.paths[url]?.get as Operation | undefined;
    if (!op) {
      t.fail(`GET ${url} is missing from the document`);
      continue;
    }
    t.same(op.tags, ['operations'], `${url}: tagged operations`);
    t.notOk(op.security, `${url}: documented as needing no credentials`);
    for (const status of statuses)
      t.ok(op.responses[status]?.content?.[type as never], `${url}: ${status} documented as ${type}`);

    const res = await app.inject({ method: 'GET', url });
    t.equal(res.statusCode, 200, `${url} answers`);
    t.match(res.headers['content-type'], type, `${url}: answers ${type} as documented`);
  }
});
