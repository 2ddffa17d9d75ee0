import { createHmac, timingSafeEqual } from 'node:crypto';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { league } from '../matches/helpers.js';
import { startReceiver } from './receiver.js';

// Written from the documented format only (docs/notifications-and-webhooks.md), not with core code.
function verify(secret: string, header: string, body: string, nowSec: number): boolean {
  const fields = new Map(header.split(',').map((kv) => kv.split('=') as [string, string]));
  const ts = Number(fields.get('t'));
  const expected = createHmac('sha256', secret).update(`${ts}.${body}`, 'utf8').digest();
  const given = Buffer.from(fields.get('v1') ?? '', 'hex');
  return Math.abs(nowSec - ts) <= 300 && given.length === expected.length && timingSafeEqual(given, expected);
}

const config = { webhooks: { allowHttpLoopback: true, disableAfterFailures: 3 } };

t.test('deliveries are signed, retried with backoff until accepted, and shown in the log', async (t) => {
  const receiver = await startReceiver(t);
  const { app, settle, advance, clock } = await createTestApp({ config, rateLimits: false, t });
  const { org, root, mod, alice, tournamentId } = await league(app);
  const hooks = `/api/v1/orgs/${org}/webhooks`;

  const insecure = await app.inject({
    method: 'POST',
    url: hooks,
    headers: root.headers,
    payload: { url: 'http://example.com/x', eventTypes: ['core.match.created'] },
  });
  t.equal(insecure.statusCode, 422);
  t.match(insecure.json().error.message, /https/);
  const unknown = await app.inject({
    method: 'POST',
    url: hooks,
    headers: root.headers,
    payload: { url: receiver.url, eventTypes: ['core.nope'] },
  });
  t.equal(unknown.json().error.code, 'RD_WEBHOOK_EVENT_TYPE');
  const byModerator = await app.inject({
    method: 'POST',
    url: hooks,
    headers: mod.headers,
    payload: { url: receiver.url, eventTypes: ['core.match.created'] },
  });
  t.equal(byModerator.statusCode, 403, 'org admins register webhooks');

  const created = await app.inject({
    method: 'POST',
    url: hooks,
    headers: root.headers,
    payload: { url: receiver.url, eventTypes: ['core.match.created', 'core.match.rescheduled'] },
  });
  t.equal(created.statusCode, 201, created.body);
  const { id: hookId, secret } = created.json();
  t.match(secret, /^whsec_/);
  const stored = await app.racedesk
    .db('secrets')
    .where({ owner: 'core', name: `webhook:${hookId}` })
    .first();
  t.notOk(stored.ciphertext.includes(secret), 'the secret is encrypted at rest');
  t.notOk(
    JSON.stringify(
      (await app.inject({ method: 'GET', url: `${hooks}/${hookId}`, headers: root.headers })).json(),
    ).includes('whsec_'),
  );

  const match = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/matches`,
    headers: mod.headers,
    payload: { tournamentId, scheduledAt: '2030-01-09T18:00:00Z', players: [alice.userId] },
  });
  await settle();
  t.equal(receiver.received.length, 1);
  const first = receiver.received[0]!;
  const nowSec = Math.floor(clock.now().getTime() / 1000);
  t.ok(
    verify(secret, String(first.headers['racedesk-signature']), first.body, nowSec),
    'the signature verifies',
  );
  t.notOk(
    verify('whsec_wrong', String(first.headers['racedesk-signature']), first.body, nowSec),
    'and not with another secret',
  );
  t.notOk(
    verify(secret, String(first.headers['racedesk-signature']), first.body.replace('core', 'c0re'), nowSec),
    'nor for a changed body',
  );
  t.equal(first.headers['racedesk-event'], 'core.match.created');
  const payload = JSON.parse(first.body);
  t.match(payload, {
    type: 'core.match.created',
    id: first.headers['racedesk-delivery'],
    payload: { match: { id: match.json().id } },
  });

  receiver.replies.push(500, 503);
  const start = clock.now().getTime();
  await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/matches/${match.json().id}/reschedule`,
    headers: mod.headers,
    payload: { scheduledAt: '2030-01-09T19:00:00Z' },
  });
  await settle();
  await advance('29s');
  t.equal(receiver.received.length, 2, 'first try failed; not retried before 30 s');
  await advance('1s');
  t.equal(receiver.received.length, 3, 'retried at 30 s');
  await advance('60s');
  t.equal(receiver.received.length, 4, 'and again 60 s later, accepted');
  t.equal(clock.now().getTime() - start, 90_000);
  const keys = receiver.received.slice(1).map((r) => r.headers['racedesk-delivery']);
  t.equal(new Set(keys).size, 1, 'every try carries the same delivery id');
  await advance('1h');
  t.equal(receiver.received.length, 4, 'never sent again once accepted');

  const log = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${org}/notifications/deliveries?webhookId=${hookId}`,
    headers: mod.headers,
  });
  t.match(log.json().items, [
    { eventType: 'core.match.rescheduled', status: 'sent', attempts: 3, lastError: null },
    { eventType: 'core.match.created', status: 'sent', attempts: 1 },
  ]);
  t.match((await app.inject({ method: 'GET', url: `${hooks}/${hookId}`, headers: root.headers })).json(), {
    active: true,
    consecutiveFailures: 0,
  });
});

t.test('an endpoint that keeps failing is disabled with the reason, and can be turned back on', async (t) => {
  const receiver = await startReceiver(t);
  const { app, settle, advance } = await createTestApp({ config, rateLimits: false, t });
  const { org, root, mod, alice, tournamentId } = await league(app);
  const created = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/webhooks`,
    headers: root.headers,
    payload: { url: receiver.url, eventTypes: ['core.match.created'] },
  });
  const hook = `/api/v1/orgs/${org}/webhooks/${created.json().id}`;
  receiver.failAlways(500);
  const schedule = () =>
    app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org}/matches`,
      headers: mod.headers,
      payload: { tournamentId, scheduledAt: '2030-01-09T18:00:00Z', players: [alice.userId] },
    });
  await schedule();
  await settle();
  await advance('10m');
  t.equal(receiver.received.length, 3, 'three tries');
  const disabled = (await app.inject({ method: 'GET', url: hook, headers: root.headers })).json();
  t.match(disabled, {
    active: false,
    disabledReason: 'disabled after 3 consecutive failed deliveries; last: HTTP 500',
  });
  const log = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${org}/notifications/deliveries`,
    headers: mod.headers,
  });
  t.match(log.json().items[0], { status: 'failed', attempts: 3, lastError: /disabled after 3 consecutive/ });

  await schedule();
  await settle();
  t.equal(receiver.received.length, 3, 'a disabled endpoint gets nothing');

  receiver.failAlways(undefined);
  const enabled = await app.inject({
    method: 'PATCH',
    url: hook,
    headers: root.headers,
    payload: { active: true },
  });
  t.match(enabled.json(), { active: true, consecutiveFailures: 0, disabledReason: null });
  await schedule();
  await settle();
  t.equal(receiver.received.length, 4, 'delivered again once re-enabled');
});
