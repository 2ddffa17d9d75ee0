import { delivered, failDelivery, retryDelivery } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { signIn } from '../auth/helpers/people.js';
import { league } from '../matches/helpers.js';
import { channelPlugin } from './channel-plugin.js';

t.test(
  'deliveries retry with exponential backoff at exact times, once each, and respect opt-outs',
  async (t) => {
    // Alice's messages fail three times before going through; Bob opted out; Carol's are refused for good.
    const channel = channelPlugin((d, call) => {
      if (d.message.type !== 'core.match.created') return delivered();
      if (d.userId === carolId) return failDelivery('DMs are closed');
      return call <= 3 ? retryDelivery(`busy (${call})`) : delivered();
    });
    let carolId = 0;
    const { app, advance, settle, clock } = await createTestApp({
      plugins: [channel.plugin],
      rateLimits: false,
      t,
    });
    const { org, mod, alice, bob } = await league(app);
    const carol = await signIn(app, { username: 'carol' });
    carolId = carol.userId;

    const prefs = await app.inject({ method: 'GET', url: '/api/v1/me/notifications', headers: bob.headers });
    t.match(prefs.json().preferences, [
      { eventType: 'core.match.created', channel: 'test-dm', enabled: true, isDefault: true },
    ]);
    const optOut = await app.inject({
      method: 'PUT',
      url: '/api/v1/me/notifications',
      headers: bob.headers,
      payload: { preferences: [{ eventType: 'core.match.created', channel: 'test-dm', enabled: false }] },
    });
    t.equal(optOut.statusCode, 200, optOut.body);
    t.match(
      optOut.json().preferences.find((p: { eventType: string }) => p.eventType === 'core.match.created'),
      { enabled: false, isDefault: false },
    );

    const tournamentId = (await app.racedesk.db('tournaments').first('id')).id;
    const start = clock.now().getTime();
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org}/matches`,
      headers: mod.headers,
      payload: {
        tournamentId,
        scheduledAt: '2030-01-09T18:00:00Z',
        players: [alice.userId, bob.userId, carol.userId],
      },
    });
    t.equal(res.statusCode, 201);
    await settle();
    await advance('3m');
    await advance('1h');

    const aliceCalls = channel.calls.filter((c) => c.userId === alice.userId);
    t.same(
      aliceCalls.map((c) => [c.attempt, c.at.getTime() - start]),
      [
        [1, 0],
        [2, 30_000],
        [3, 90_000],
        [4, 210_000],
      ],
      'tried at once, then after 30 s, 60 s and 120 s',
    );
    t.equal(channel.calls.filter((c) => c.userId === bob.userId).length, 0, 'Bob opted out');
    t.equal(
      channel.calls.filter((c) => c.userId === carol.userId).length,
      1,
      'a permanent failure is not retried',
    );

    const log = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org}/notifications/deliveries`,
      headers: mod.headers,
    });
    t.equal(log.statusCode, 200, log.body);
    const byUser = new Map(log.json().items.map((d: { userId: number }) => [d.userId, d]));
    t.match(byUser.get(alice.userId), {
      status: 'sent',
      attempts: 4,
      lastError: null,
      channel: 'test-dm',
      eventType: 'core.match.created',
    });
    t.match(byUser.get(carol.userId), { status: 'failed', attempts: 1, lastError: 'DMs are closed' });
    const member = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org}/notifications/deliveries`,
      headers: alice.headers,
    });
    t.equal(member.statusCode, 403, 'the log is for organizers');
  },
);

t.test('a channel that keeps failing gives up after its attempts, with the reason', async (t) => {
  const channel = channelPlugin(() => {
    throw new Error('gateway down');
  });
  const { app, advance, settle } = await createTestApp({ plugins: [channel.plugin], rateLimits: false, t });
  const { org, mod, alice } = await league(app);
  const tournamentId = (await app.racedesk.db('tournaments').first('id')).id;
  await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/matches`,
    headers: mod.headers,
    payload: { tournamentId, scheduledAt: '2030-01-09T18:00:00Z', players: [alice.userId] },
  });
  await settle();
  await advance('1d');
  const row = await app.racedesk.db('notification_deliveries').where({ user_id: alice.userId }).first();
  t.match(row, { status: 'failed', attempts: 6, last_error: 'gave up after 6 attempts: gateway down' });
  t.equal(channel.calls.length, 6);
});
