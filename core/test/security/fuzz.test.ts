import type { RouteInfo } from '@racedesk/core';
import { addMember, createOrg, createTestApp, type Person, signIn } from '@racedesk/testkit';
import fc from 'fast-check';
import t from 'tap';
import { examplePlugin } from '../fixtures/example-plugin/index.js';
import { guardedPlugin } from './fixtures/guarded-plugin.js';
import { arbitraryFor, fuzzFor } from './schema-arbitrary.js';

type Schemas = { params?: unknown; querystring?: unknown; body?: unknown };

function requestFor(route: RouteInfo) {
  const schema = (route.schema ?? {}) as Schemas;
  return fc.record({
    params: arbitraryFor(schema.params as never).map((p) =>
      p && typeof p === 'object' ? (p as Record<string, unknown>) : {},
    ),
    query: fc.oneof(
      arbitraryFor(schema.querystring as never),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 20 })),
    ),
    body: fuzzFor(schema.body as never),
    useKnownOrg: fc.boolean(),
  });
}

function urlOf(
  route: RouteInfo,
  params: Record<string, unknown>,
  query: unknown,
  org: string | null,
): string {
  const path = route.url.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(name === 'org' && org ? org : String(params[name] ?? 'x')),
  );
  const search = new URLSearchParams();
  if (query && typeof query === 'object') {
    for (const [k, v] of Object.entries(query)) search.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

t.test(
  'no input from the route schemas (or beside them) makes any API route fail or answer outside the error shape',
  async (t) => {
    const { app } = await createTestApp({
      plugins: [examplePlugin, guardedPlugin],
      rateLimits: false,
      config: { oauth: { discord: { clientId: '1', clientSecret: 'secret' } } },
      t,
    });
    const root = await signIn(app, { superadmin: true });
    await createOrg(app, root, 'alpha');
    await app.inject({
      method: 'PUT',
      url: '/api/v1/orgs/alpha/plugins/guarded',
      headers: root.headers,
      payload: { enabled: true },
    });
    const admin: Person = await signIn(app);
    await addMember(app, root, 'alpha', admin, 'admin');

    // Logging out would end the session the rest of the run uses.
    const routes = app.racedesk.routes.filter((r) => r.url !== '/api/v1/auth/logout');
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(requestFor(route), fc.constantFrom(root, admin), async (input, caller) => {
          const res = await app.inject({
            method: route.method as 'GET',
            url: urlOf(route, input.params, input.query, input.useKnownOrg ? 'alpha' : null),
            headers: caller.headers,
            ...(route.method === 'GET' || route.method === 'DELETE'
              ? {}
              : {
                  payload: JSON.stringify(input.body),
                  headers: { ...caller.headers, 'content-type': 'application/json' },
                }),
          });
          if (res.statusCode >= 500)
            throw new Error(`${route.method} ${route.url}: ${res.statusCode} ${res.body}`);
          if (res.statusCode >= 400) {
            const body = res.json();
            if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string') {
              throw new Error(
                `${route.method} ${route.url}: ${res.statusCode} outside the error shape: ${res.body}`,
              );
            }
          }
        }),
        { numRuns: 25, seed: 20261121 },
      );
      t.pass(`${route.method} ${route.url}`);
    }
  },
);
