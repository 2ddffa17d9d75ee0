import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { league, recorder } from './helpers.js';

t.test('a match goes from scheduled to recorded through the API, each step announced once', async (t) => {
  const rec = recorder();
  const { app, settle } = await createTestApp({ plugins: [rec.plugin], rateLimits: false, t });
  const { org, mod, alice, bob, tournamentId } = await league(app);
  const base = `/api/v1/orgs/${org}/matches`;

  const created = await app.inject({
    method: 'POST',
    url: base,
    headers: mod.headers,
    payload: {
      tournamentId,
      title: 'Alice vs Bob',
      round: 'Week 1',
      scheduledAt: '2030-01-08T19:00:00+01:00',
      players: [alice.userId, bob.userId],
    },
  });
  t.equal(created.statusCode, 201, created.body);
  const match = created.json();
  t.match(match, {
    tournamentId,
    title: 'Alice vs Bob',
    state: 'scheduled',
    scheduledAt: '2030-01-08T18:00:00.000Z',
  });
  t.same(
    match.players.map((p: { userId: number; seat: number }) => [p.userId, p.seat]),
    [
      [alice.userId, 1],
      [bob.userId, 2],
    ],
  );
  const url = `${base}/${match.id}`;

  const local = await app.inject({
    method: 'POST',
    url: `${url}/reschedule`,
    headers: mod.headers,
    payload: { scheduledAt: '2030-01-08T20:00' },
  });
  t.equal(local.statusCode, 400);
  t.equal(local.json().error.code, 'RD_TIME_OFFSET_REQUIRED');
  t.match(local.json().error.message, /has no offset/);

  for (const state of ['checked_in', 'started', 'finished']) {
    const res = await app.inject({
      method: 'POST',
      url: `${url}/state`,
      headers: mod.headers,
      payload: { state },
    });
    t.equal(res.json().state, state);
  }
  const member = await app.inject({
    method: 'POST',
    url: `${url}/state`,
    headers: alice.headers,
    payload: { state: 'started' },
  });
  t.equal(member.statusCode, 403, 'players do not move their own match');

  const results = {
    results: [
      { userId: bob.userId, finishRank: 1, finishTime: 'PT1H32M10.5S', status: 'done' },
      { userId: alice.userId, finishRank: null, status: 'dnf' },
    ],
  };
  const recorded = await app.inject({
    method: 'POST',
    url: `${url}/results`,
    headers: mod.headers,
    payload: results,
  });
  t.equal(recorded.statusCode, 200, recorded.body);
  t.equal(recorded.json().state, 'recorded');
  t.match(recorded.json().players, [
    { userId: alice.userId, finishRank: null, status: 'dnf', finishTime: null },
    { userId: bob.userId, finishRank: 1, finishTime: 'PT1H32M10.5S', status: 'done' },
  ]);
  const again = await app.inject({
    method: 'POST',
    url: `${url}/results`,
    headers: mod.headers,
    payload: results,
  });
  t.equal(again.statusCode, 409);
  t.equal(again.json().error.code, 'RD_MATCH_RESULTS_RECORDED');
  const corrected = await app.inject({
    method: 'POST',
    url: `${url}/results`,
    headers: mod.headers,
    payload: {
      ...results,
      results: [{ ...results.results[0], finishTime: 'PT1H32M11S' }],
      correction: { reason: 'timing error' },
    },
  });
  t.equal(corrected.statusCode, 200);
  t.equal(corrected.json().players[1].finishTime, 'PT1H32M11S');
  const audit = await app.racedesk.db('audit_log').where({ action: 'match.results_corrected' }).first();
  t.match(audit.details, { reason: 'timing error' });

  await settle();
  t.same(
    rec.names().filter((n) => n.startsWith('core.match')),
    [
      'core.match.created',
      'core.match.state_changed',
      'core.match.state_changed',
      'core.match.state_changed',
      'core.match.state_changed',
      'core.match.finished',
      'core.match.finished',
    ],
  );
  const finished = rec.seen.filter((e) => e.name === 'core.match.finished');
  t.match(finished[1]!.payload, { correction: 'timing error' });
  t.match(rec.seen[0], { orgId: Number, actor: { kind: 'user', userId: mod.userId } });

  const listed = await app.inject({
    method: 'GET',
    url: `${base}?status=recorded&playerId=${bob.userId}`,
    headers: alice.headers,
  });
  t.same(
    listed.json().items.map((m: { id: number }) => m.id),
    [match.id],
  );
  const none = await app.inject({ method: 'GET', url: `${base}?status=scheduled`, headers: alice.headers });
  t.same(none.json().items, []);
});
