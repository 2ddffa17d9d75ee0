import { definePlugin, type OrgRole, type RacedeskApp, type RouteInfo, roleAtLeast } from '@racedesk/core';
import {
  addMember,
  bearer,
  createOrg,
  createTestApp,
  createToken,
  type Person,
  signIn,
} from '@racedesk/testkit';
import t from 'tap';
import { examplePlugin } from '../fixtures/example-plugin/index.js';
import { otherPlugin } from '../fixtures/other-plugin.js';
import { guardedPlugin } from './fixtures/guarded-plugin.js';

// Codes only the guard answers with; anything else means the request got past it.
const GUARD_CODES = new Set([
  'RD_AUTH_REQUIRED',
  'RD_ORG_NOT_FOUND',
  'RD_ROLE_TOO_LOW',
  'RD_PLUGIN_DISABLED',
  'RD_SUPERADMIN_ONLY',
]);
const ROLES: OrgRole[] = ['owner', 'admin', 'moderator', 'reviewer', 'member'];

const fill = (route: RouteInfo, org: string) =>
  route.url.replace(':org', org).replace(/:[a-zA-Z]+/g, '999999');

t.test(
  'every API route, core and plugin, answers each kind of caller as its declared role says',
  async (t) => {
    const { app } = await createTestApp({
      plugins: [examplePlugin, otherPlugin, guardedPlugin],
      rateLimits: false,
      config: { oauth: { discord: { clientId: '1', clientSecret: 'secret' } } },
      t,
    });
    const root = await signIn(app, { superadmin: true });
    const outsiderSuperadmin = await signIn(app, { superadmin: true });
    await createOrg(app, root, 'alpha');
    await createOrg(app, root, 'beta');
    const enable = await app.inject({
      method: 'PUT',
      url: '/api/v1/orgs/alpha/plugins/guarded',
      headers: root.headers,
      payload: { enabled: true },
    });
    t.equal(enable.statusCode, 200, enable.body);

    const people = new Map<OrgRole, Person>();
    for (const role of ROLES) {
      const person = await signIn(app);
      await addMember(app, root, 'alpha', person, role);
      people.set(role, person);
    }
    const outsider = await signIn(app);
    await addMember(app, root, 'beta', outsider, 'owner');
    const adminToken = await createToken(app, people.get('owner')!, 'alpha', 'admin');
    const betaToken = await createToken(app, outsider, 'beta', 'owner');

    const routes = app.racedesk.routes;
    const orgRoutes = routes.filter((r) => r.scope === 'org');
    t.ok(
      orgRoutes.some((r) => r.pluginId === 'guarded'),
      'plugin org routes are in the table',
    );
    t.ok(
      routes.some((r) => r.pluginId === 'example'),
      'plugin instance routes are in the table',
    );
    const documented = Object.keys((await app.inject({ method: 'GET', url: '/api/docs/json' })).json().paths);
    for (const path of documented.filter((p) => p.startsWith('/api/v1/'))) {
      const url = path.replace(/\{(\w+)\}/g, ':$1');
      t.ok(
        routes.some((r) => r.url === url),
        `${path} is guarded`,
      );
    }

    const call = async (route: RouteInfo, org: string, headers: Record<string, string>) => {
      const res = await app.inject({
        method: route.method as 'GET',
        url: fill(route, org),
        headers,
        ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
      });
      const code = res.statusCode >= 400 ? (res.json().error?.code as string) : undefined;
      if (res.statusCode >= 500)
        t.fail(`${route.method} ${route.url} failed with ${res.statusCode}: ${res.body}`);
      return { status: res.statusCode, code };
    };
    const passes = (r: { code?: string }) => !r.code || !GUARD_CODES.has(r.code);

    for (const route of orgRoutes) {
      const name = `${route.method} ${route.url} (least ${route.minRole})`;
      t.same(await call(route, 'alpha', {}), { status: 401, code: 'RD_AUTH_REQUIRED' }, `${name}: anonymous`);
      t.same(
        await call(route, 'alpha', outsider.headers),
        { status: 404, code: 'RD_ORG_NOT_FOUND' },
        `${name}: not a member`,
      );
      t.same(
        await call(route, 'nope-org', root.headers),
        { status: 404, code: 'RD_ORG_NOT_FOUND' },
        `${name}: unknown org`,
      );
      t.same(
        await call(route, 'alpha', bearer(betaToken)),
        { status: 404, code: 'RD_ORG_NOT_FOUND' },
        `${name}: another org's token`,
      );
      for (const role of ROLES) {
        const result = await call(route, 'alpha', people.get(role)!.headers);
        if (roleAtLeast(role, route.minRole!))
          t.ok(passes(result), `${name}: ${role} gets through (${JSON.stringify(result)})`);
        else t.same(result, { status: 403, code: 'RD_ROLE_TOO_LOW' }, `${name}: ${role} is refused`);
      }
      const viaToken = await call(route, 'alpha', bearer(adminToken));
      if (roleAtLeast('admin', route.minRole!)) t.ok(passes(viaToken), `${name}: admin token gets through`);
      else
        t.same(viaToken, { status: 403, code: 'RD_ROLE_TOO_LOW' }, `${name}: admin token is capped at admin`);
      t.ok(
        passes(await call(route, 'alpha', outsiderSuperadmin.headers)),
        `${name}: superadmin counts as owner`,
      );
      if (route.pluginId) {
        t.same(
          await call(route, 'beta', outsider.headers),
          { status: 404, code: 'RD_PLUGIN_DISABLED' },
          `${name}: plugin off in beta`,
        );
      }
    }

    for (const route of routes.filter((r) => r.scope === 'instance')) {
      const name = `${route.method} ${route.url} (${route.auth})`;
      const anonymous = await call(route, '', {});
      if (route.auth === 'public') t.ok(passes(anonymous), `${name}: open to anonymous`);
      else t.same(anonymous, { status: 401, code: 'RD_AUTH_REQUIRED' }, `${name}: anonymous`);
      if (route.url === '/api/v1/auth/logout') continue; // would end the sessions the next checks use
      const member = await call(route, '', people.get('member')!.headers);
      if (route.auth === 'superadmin')
        t.same(member, { status: 403, code: 'RD_SUPERADMIN_ONLY' }, `${name}: member`);
      else t.ok(passes(member), `${name}: member gets through`);
      t.ok(passes(await call(route, '', root.headers)), `${name}: superadmin gets through`);
    }
  },
);

t.test('routes that misstate their least role stop the boot', async (t) => {
  const plugin = (id: string, register: (app: RacedeskApp) => void) =>
    definePlugin({ id, version: '1.0.0', core: '^0.1.0', routes: { org: async (app) => register(app) } });
  await t.rejects(
    createTestApp({
      plugins: [
        plugin('undeclared', (app) => app.get('/y', { config: { permission: 'nope' } }, async () => ({}))),
      ],
      t,
    }),
    /permission "nope" is not declared/,
  );
  await t.rejects(
    createTestApp({
      plugins: [
        plugin('badrole', (app) =>
          app.get('/y', { config: { minRole: 'root' as 'owner' } }, async () => ({})),
        ),
      ],
      t,
    }),
    /unknown minRole "root"/,
  );
});
