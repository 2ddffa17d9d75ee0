import { addMember, createOrg, createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';
import { guardedPlugin, pingOrg } from '../security/fixtures/guarded-plugin.js';

t.test(
  'an org admin turns a plugin on with validated settings; off again, its routes, jobs and subscribers stop',
  async (t) => {
    const { app, settle } = await createTestApp({ plugins: [guardedPlugin], rateLimits: false, t });
    const root = await signIn(app, { superadmin: true });
    const admin = await signIn(app);
    await createOrg(app, root, 'alpha');
    await createOrg(app, root, 'beta');
    await addMember(app, root, 'alpha', admin, 'admin');
    const alphaId = (
      await app.inject({ method: 'GET', url: '/api/v1/orgs/alpha', headers: root.headers })
    ).json().id;
    const betaId = (
      await app.inject({ method: 'GET', url: '/api/v1/orgs/beta', headers: root.headers })
    ).json().id;
    const put = (payload: object, slug = 'alpha', headers = admin.headers) =>
      app.inject({ method: 'PUT', url: `/api/v1/orgs/${slug}/plugins/guarded`, headers, payload });
    const things = (slug = 'alpha') =>
      app.inject({ method: 'GET', url: `/api/v1/orgs/${slug}/guarded/things`, headers: root.headers });
    const auditActions = async (orgId: number) =>
      (await app.racedesk.db('audit_log').where({ org_id: orgId }).orderBy('id')).map((r) => r.action);

    const installed = await app.inject({ method: 'GET', url: '/api/v1/plugins', headers: admin.headers });
    t.match(installed.json().items[0], { id: 'guarded', permissions: { 'thing.make': 'moderator' } });
    t.ok(
      installed.json().items[0].settingsSchema.properties.roomPrefix,
      'the settings schema is published for forms',
    );
    t.match(
      (await app.inject({ method: 'GET', url: '/api/v1/orgs/alpha/plugins', headers: admin.headers })).json()
        .items,
      [{ id: 'guarded', enabled: false }],
    );
    t.equal((await things()).json().error.code, 'RD_PLUGIN_DISABLED', 'off by default: its routes are 404');

    const invalid = await put({
      enabled: true,
      settings: { openMinutesBefore: 2, channels: { announce: 'general' } },
    });
    t.equal(invalid.statusCode, 422);
    t.equal(invalid.json().error.code, 'RD_PLUGIN_SETTINGS');
    t.same(
      invalid
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
      ['settings/channels/announce', 'settings/openMinutesBefore'],
    );
    t.equal((await things()).statusCode, 404, 'nothing was enabled');

    const on = await put({ enabled: true, settings: { roomPrefix: 'weekly' } });
    t.equal(on.statusCode, 200, on.body);
    t.same(on.json().settings, { roomPrefix: 'weekly', openMinutesBefore: 60 }, 'defaults filled in');
    const inside = await things();
    t.same(inside.json(), {
      org: 'alpha',
      role: 'owner',
      settings: { roomPrefix: 'weekly', openMinutesBefore: 60 },
    });
    t.same(await app.racedesk.enablement.enabledOrgs('guarded'), [alphaId]);

    const exploding = await put({ enabled: true, settings: { roomPrefix: 'explode' } }, 'beta', root.headers);
    t.equal(exploding.statusCode, 409);
    t.equal(exploding.json().error.code, 'RD_PLUGIN_HOOK_FAILED');
    t.equal((await things('beta')).statusCode, 404, 'a failing onEnable leaves the plugin off');
    t.same(await auditActions(betaId), ['org.created'], 'and writes nothing');

    // Subscribers and org jobs run only for orgs that have the plugin on.
    await addMember(app, root, 'alpha', await signIn(app), 'member');
    await addMember(app, root, 'beta', await signIn(app), 'member');
    const { context } = app.racedesk.plugins.find((p) => p.definition.id === 'guarded')!;
    await context.scheduler.now(pingOrg, { orgId: alphaId });
    await context.scheduler.now(pingOrg, { orgId: betaId });
    await settle();
    t.same(await auditActions(alphaId), [
      'org.created',
      'member.added',
      'plugin.enabled',
      'guarded.turned_on',
      'member.added',
      'guarded.saw_member',
      'guarded.pinged',
    ]);
    t.same(await auditActions(betaId), ['org.created', 'member.added'], 'beta never reached the plugin');

    t.equal(
      (await put({ enabled: false }, 'alpha', (await signIn(app)).headers)).statusCode,
      404,
      'outsiders cannot',
    );
    const off = await put({ enabled: false });
    t.same(off.json(), { ...on.json(), enabled: false }, 'settings are kept while off');
    t.equal((await things()).statusCode, 404);
    const tail = (await auditActions(alphaId)).slice(-2);
    t.same(tail, ['plugin.disabled', 'guarded.turned_off']);
    t.equal(
      (
        await app.inject({
          method: 'PUT',
          url: '/api/v1/orgs/alpha/plugins/nope',
          headers: admin.headers,
          payload: { enabled: true },
        })
      ).json().error.code,
      'RD_PLUGIN_NOT_FOUND',
    );
  },
);
