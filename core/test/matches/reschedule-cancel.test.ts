import { systemActor } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { league, recorder } from './helpers.js';

t.test('reschedule records old and new times; cancel needs a reason and is final', async (t) => {
  const rec = recorder();
  const { app, settle } = await createTestApp({ plugins: [rec.plugin], rateLimits: false, t });
  const { org, mod, alice, bob, tournamentId } = await league(app);
  const base = `/api/v1/orgs/${org}/matches`;
  const created = await app.inject({
    method: 'POST',
    url: base,
    headers: mod.headers,
    payload: { tournamentId, scheduledAt: '2030-01-08T18:00:00Z', players: [alice.userId, bob.userId] },
  });
  const url = `${base}/${created.json().id}`;

  const moved = await app.inject({
    method: 'POST',
    url: `${url}/reschedule`,
    headers: mod.headers,
    payload: { scheduledAt: '2030-01-09T12:30:00-05:00' },
  });
  t.equal(moved.json().scheduledAt, '2030-01-09T17:30:00.000Z');
  await settle();
  const event = rec.seen.find((e) => e.name === 'core.match.rescheduled');
  t.match(event?.payload, {
    previousScheduledAt: '2030-01-08T18:00:00.000Z',
    scheduledAt: '2030-01-09T17:30:00.000Z',
  });

  const window = await app.inject({
    method: 'GET',
    url: `${base}?from=2030-01-09T00:00:00Z&to=2030-01-10T00:00:00Z`,
    headers: alice.headers,
  });
  t.equal(window.json().items.length, 1, 'found in its new window');

  const noReason = await app.inject({
    method: 'POST',
    url: `${url}/cancel`,
    headers: mod.headers,
    payload: {},
  });
  t.equal(noReason.statusCode, 400);
  const cancelled = await app.inject({
    method: 'POST',
    url: `${url}/cancel`,
    headers: mod.headers,
    payload: { reason: 'player sick' },
  });
  t.match(cancelled.json(), { state: 'cancelled', cancelReason: 'player sick' });
  const twice = await app.inject({
    method: 'POST',
    url: `${url}/cancel`,
    headers: mod.headers,
    payload: { reason: 'again' },
  });
  t.equal(twice.statusCode, 409);
  const late = await app.inject({
    method: 'POST',
    url: `${url}/reschedule`,
    headers: mod.headers,
    payload: { scheduledAt: '2030-01-10T18:00:00Z' },
  });
  t.equal(late.statusCode, 409);
  t.equal(late.json().error.code, 'RD_MATCH_NOT_RESCHEDULABLE');
  for (const payload of [{ title: 'Renamed' }, { players: [bob.userId] }, { round: 'Final' }]) {
    const edit = await app.inject({ method: 'PATCH', url, headers: mod.headers, payload });
    t.equal(edit.statusCode, 409, JSON.stringify(payload));
    t.match(edit.json().error, { code: 'RD_MATCH_CANCELLED', message: /cancelled/ });
  }
  const still = await app.inject({ method: 'GET', url, headers: mod.headers });
  t.match(still.json(), { title: null, round: null, state: 'cancelled' }, 'a cancelled match is not edited');
  t.equal(still.json().players.length, 2);
  await settle();
  t.notOk(
    rec.seen.some((e) => e.name === 'core.match.updated' || e.name === 'core.match.players_changed'),
    'and nothing was announced',
  );
  t.match(rec.seen.find((e) => e.name === 'core.match.cancelled')?.payload, {
    reason: 'player sick',
    match: { state: 'cancelled' },
  });
  t.ok(await app.racedesk.db('matches').where({ id: created.json().id }).first(), 'cancelled, not deleted');
});

t.test('manual changes of what a plugin automates answer 409 naming it; the plugin itself may', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const { org, mod, alice, bob, tournamentId } = await league(app);
  const { matches } = app.racedesk.domain;
  const orgId = (await app.racedesk.db('organizations').where({ slug: org }).first('id')).id;
  const base = `/api/v1/orgs/${org}/matches`;
  const room = await app.inject({
    method: 'POST',
    url: base,
    headers: mod.headers,
    payload: { tournamentId, scheduledAt: '2030-01-08T18:00:00Z', players: [alice.userId] },
  });
  await matches.automation.claim(
    'racetime',
    { matchId: room.json().id },
    ['state'],
    'a race room decides its state',
  );
  const manual = await app.inject({
    method: 'POST',
    url: `${base}/${room.json().id}/state`,
    headers: mod.headers,
    payload: { state: 'started' },
  });
  t.equal(manual.statusCode, 409);
  t.equal(manual.json().error.code, 'RD_MATCH_AUTOMATED');
  t.match(manual.json().error.message, /racetime plugin \(a race room decides its state\)/);
  t.same(manual.json().error.details, { owner: 'racetime', aspect: 'state' });
  const byPlugin = await matches.setState(room.json().id, 'started', systemActor('racetime'));
  t.equal(byPlugin.state, 'started', 'the owning plugin moves it');
  const one = await app.inject({ method: 'GET', url: `${base}/${room.json().id}`, headers: alice.headers });
  t.same(one.json().automation, [
    { pluginId: 'racetime', aspects: ['state'], reason: 'a race room decides its state' },
  ]);

  // An importer owns time, players and crew of what it imported: manual edits name the source.
  const imported = await matches.sources.upsert(
    orgId,
    {
      source: 'speedgaming',
      externalId: 'ep-77',
      owns: ['time', 'players', 'crew'],
      tournamentId,
      scheduledAt: '2030-01-09T18:00:00Z',
      players: [alice.userId, bob.userId],
    },
    systemActor('speedgaming'),
  );
  t.equal(imported.created, true);
  const id = imported.match.id;
  t.same(imported.match.source, { source: 'speedgaming', externalId: 'ep-77' });
  for (const [path, payload, method] of [
    [`${base}/${id}/reschedule`, { scheduledAt: '2030-01-10T18:00:00Z' }, 'POST'],
    [`${base}/${id}`, { players: [bob.userId] }, 'PATCH'],
    [`${base}/${id}/crew`, { role: 'commentator', userId: bob.userId }, 'POST'],
  ] as const) {
    const res = await app.inject({ method, url: path, headers: mod.headers, payload });
    t.equal(res.statusCode, 409, `${method} ${path}`);
    t.match(res.json().error.message, /speedgaming plugin \(imported from speedgaming\)/);
  }
  const title = await app.inject({
    method: 'PATCH',
    url: `${base}/${id}`,
    headers: mod.headers,
    payload: { title: 'Final' },
  });
  t.equal(title.statusCode, 200, 'what the source does not own stays editable');
  const again = await matches.sources.upsert(
    orgId,
    {
      source: 'speedgaming',
      externalId: 'ep-77',
      owns: ['time', 'players', 'crew'],
      tournamentId,
      scheduledAt: '2030-01-09T20:00:00Z',
      players: [bob.userId, alice.userId],
    },
    systemActor('speedgaming'),
  );
  t.equal(again.created, false, 'the same external id finds the same match');
  t.equal(again.match.id, id);
  t.equal(new Date(again.match.scheduledAt).toISOString(), '2030-01-09T20:00:00.000Z');
  t.same(
    again.match.players.map((p) => p.userId),
    [bob.userId, alice.userId],
  );
});
