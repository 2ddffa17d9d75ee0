import { delivered } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { signIn } from '../auth/helpers/people.js';
import { channelPlugin } from './channel-plugin.js';

type Pref = { eventType: string; channel: string; enabled: boolean; isDefault: boolean };

t.test('PUT /me/notifications writes every preference or none, and is audited', async (t) => {
  const { plugin } = channelPlugin(() => delivered());
  const { app } = await createTestApp({ plugins: [plugin], rateLimits: false, t });
  const root = await signIn(app, { superadmin: true });
  const bob = await signIn(app, { username: 'bob' });
  const put = (preferences: unknown[]) =>
    app.inject({
      method: 'PUT',
      url: '/api/v1/me/notifications',
      headers: bob.headers,
      payload: { preferences },
    });
  const choices = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: bob.headers });
    const prefs = res.json().preferences as Pref[];
    return Object.fromEntries(prefs.map((p) => [p.eventType, p.isDefault ? 'default' : p.enabled]));
  };
  const audited = async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/audit?action=notification.preferences_changed',
      headers: root.headers,
    });
    return res.json().items as Array<{ actor: unknown; target: unknown; details: unknown }>;
  };
  const created = { eventType: 'core.match.created', channel: 'test-dm', enabled: false };
  const cancelled = { eventType: 'core.match.cancelled', channel: 'test-dm', enabled: false };

  const unknown = await put([created, { eventType: 'core.match.nope', channel: 'test-dm', enabled: false }]);
  t.equal(unknown.statusCode, 422);
  t.equal(unknown.json().error.code, 'RD_NOTIFICATION_UNKNOWN');
  const twice = await put([created, cancelled, { ...created, enabled: true }]);
  t.equal(twice.statusCode, 422, 'the same type and channel twice is refused, not half-applied');
  t.equal(twice.json().error.code, 'RD_NOTIFICATION_DUPLICATE');
  t.match(
    await choices(),
    { 'core.match.created': 'default', 'core.match.cancelled': 'default' },
    'a refused request changed nothing',
  );
  t.equal((await audited()).length, 0, 'and audited nothing');

  const ok = await put([created, cancelled]);
  t.equal(ok.statusCode, 200, ok.body);
  t.match(await choices(), { 'core.match.created': false, 'core.match.cancelled': false });
  const entries = await audited();
  t.equal(entries.length, 1, 'one audit entry for the whole change');
  t.match(entries[0], {
    actor: { kind: 'user', userId: bob.userId },
    target: { type: 'user', id: String(bob.userId) },
    details: { preferences: [created, cancelled] },
  });

  const empty = await put([]);
  t.equal(empty.statusCode, 200);
  t.equal((await audited()).length, 1, 'an empty list changes and audits nothing');
});
