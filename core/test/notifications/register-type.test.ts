import { defineEvent, defineNotification, definePlugin, delivered } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { Type } from 'typebox';
import { createOrg, signIn } from '../auth/helpers/people.js';

// A notification type for another plugin's event, which is not installed on this instance.
const Missing = defineEvent('absent.room.opened', Type.Object({}));

t.test('a notification type whose event is not declared is refused and never listed', async (t) => {
  let refused: unknown = null;
  let watchRefused: unknown = null;
  const plugin = definePlugin({
    id: 'hopeful',
    version: '1.0.0',
    core: '*',
    init: (ctx) => {
      try {
        ctx.domain.notifications.registerType(
          defineNotification({ event: Missing, description: 'Phantom', recipients: async () => [] }),
        );
      } catch (err) {
        refused = err;
      }
      try {
        ctx.domain.notifications.watch(Missing);
      } catch (err) {
        watchRefused = err;
      }
      ctx.domain.notifications.registerChannel({ id: 'hopeful-dm', deliver: async () => delivered() });
    },
  });
  const { app } = await createTestApp({ plugins: [plugin], t });
  t.match(refused, { code: 'RD_EVENT_UNKNOWN' }, 'registering says why');
  t.match(watchRefused, { code: 'RD_EVENT_UNKNOWN' }, 'so does watching');

  const alice = await signIn(app, { username: 'alice' });
  const res = await app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: alice.headers });
  t.equal(res.statusCode, 200);
  const { types, preferences } = res.json() as {
    types: Array<{ eventType: string }>;
    preferences: Array<{ eventType: string }>;
  };
  t.ok(
    types.some((x) => x.eventType === 'core.match.created'),
    'real types are listed',
  );
  t.notOk(
    types.some((x) => x.eventType === 'absent.room.opened'),
    'no phantom type',
  );
  t.notOk(
    preferences.some((x) => x.eventType === 'absent.room.opened'),
    'no phantom preference',
  );

  const root = await signIn(app, { username: 'root', superadmin: true });
  await createOrg(app, root, 'league');
  const hooks = await app.inject({
    method: 'GET',
    url: '/api/v1/orgs/league/webhooks',
    headers: root.headers,
  });
  t.equal(hooks.statusCode, 200, 'webhooks listed');
  t.notOk(
    (hooks.json().eventTypes as string[]).includes('absent.room.opened'),
    'webhooks cannot subscribe to it either',
  );
});
