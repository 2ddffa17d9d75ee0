import { type Actor, type RacedeskApp, RacedeskError, systemActor } from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { league, recorder } from './helpers.js';

const IMPORTER = systemActor('importer');

/**
 * Statements the app sends in transactions while `fn` runs (not the after-commit dispatch of events,
 * which starts as the call returns), and how many of them write the event outbox.
 */
async function counted<T>(app: RacedeskApp, fn: () => Promise<T>) {
  const sql: string[] = [];
  const listener = (q: { sql: string; __knexTxId?: string }) => {
    if (q.__knexTxId) sql.push(q.sql);
  };
  app.racedesk.db.on('query', listener);
  try {
    const result = await fn();
    return {
      result,
      statements: sql.length,
      outboxInserts: sql.filter((s) => /insert into events/.test(s)).length,
    };
  } finally {
    app.racedesk.db.off('query', listener);
  }
}

async function orgIdOf(app: RacedeskApp, tournamentId: number): Promise<number> {
  return (await app.racedesk.db('tournaments').where({ id: tournamentId }).first('org_id')).org_id;
}

/** Events, and audit entries of `area`, of the matches, without their ids and times (to compare two ways of creating). */
async function trail(
  app: RacedeskApp,
  matchIds: number[],
  seen: { name: string; payload: unknown }[],
  area: 'match' | 'crew',
) {
  const index = new Map(matchIds.map((id, i) => [id, i]));
  const audit = await app.racedesk
    .db('audit_log')
    .where({ target_type: 'match' })
    .whereLike('action', `${area}.%`)
    .whereIn('target_id', matchIds.map(String))
    .orderBy('id')
    .select('action', 'details', 'actor');
  const strip = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
        // Match ids become their position; crew sign-up ids (in objects with a role) are left out.
        if (key === 'id' && 'role' in this) return undefined;
        if (key === 'id' || key === 'matchId') return typeof v === 'number' ? `#${index.get(v)}` : v;
        return v;
      }),
    );
  return {
    events: seen.map((e) => ({ name: e.name, payload: strip(e.payload) })),
    audit: audit.map((a) => ({ action: a.action, details: strip(a.details), actor: a.actor })),
  };
}

t.test('createMany writes, audits and announces each match exactly as create does', async (t) => {
  const rec = recorder();
  const { app, settle } = await createTestApp({ plugins: [rec.plugin], rateLimits: false, t });
  const { root, org, alice, bob, tournamentId } = await league(app);
  const orgId = await orgIdOf(app, tournamentId);
  const channel = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/stream-channels`,
    headers: root.headers,
    payload: { name: 'Main', url: 'https://twitch.tv/main' },
  });
  const specs = [
    {
      tournamentId,
      title: 'One',
      scheduledAt: '2030-01-09T18:00:00+01:00',
      players: [alice.userId, bob.userId],
    },
    {
      tournamentId,
      round: 'Final',
      scheduledAt: new Date('2030-01-10T18:00:00Z'),
      players: [bob.userId],
      streamChannelId: channel.json().id as number,
    },
    { tournamentId, scheduledAt: '2030-01-11T18:00:00Z', players: [] },
  ];
  const { matches } = app.racedesk.domain;

  const one: number[] = [];
  for (const spec of specs) {
    one.push((await matches.create(orgId, spec, IMPORTER)).id);
    // Events of separate transactions may interleave: each call's reach the recorder before the next.
    await settle();
  }
  await settle();
  const single = await trail(app, one, rec.seen.splice(0), 'match');

  const { result: many, outboxInserts } = await counted(app, () =>
    matches.createMany(orgId, specs, IMPORTER),
  );
  await settle();
  const bulk = await trail(
    app,
    many.map((m) => m.id),
    rec.seen.splice(0),
    'match',
  );
  t.same(bulk, single, 'the same events (in order, same payloads) and audit entries');
  t.equal(outboxInserts, 1, 'the events share one outbox insert');
  for (const [i, id] of one.entries()) {
    const before = await matches.get(id);
    const after = await matches.get(many[i]!.id);
    t.same(
      { ...after, id: 0, createdAt: 0, updatedAt: 0 },
      { ...before, id: 0, createdAt: 0, updatedAt: 0 },
      `match ${i} reads back the same`,
    );
    t.same(many[i], after, 'the returned view is the stored match');
  }
  t.same(await matches.createMany(orgId, [], IMPORTER), [], 'nothing to create, nothing written');
});

t.test('createMany costs the same statements for 2 matches as for 200', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const { alice, bob, tournamentId } = await league(app);
  const orgId = await orgIdOf(app, tournamentId);
  const specs = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      tournamentId,
      title: `Race ${i}`,
      scheduledAt: new Date(Date.UTC(2030, 0, 1, i)),
      players: [alice.userId, bob.userId],
    }));
  const small = await counted(app, () => app.racedesk.domain.matches.createMany(orgId, specs(2), IMPORTER));
  const large = await counted(app, () => app.racedesk.domain.matches.createMany(orgId, specs(200), IMPORTER));
  t.equal(large.result.length, 200);
  t.equal(large.statements, small.statements, `${small.statements} statements either way`);
});

t.test(
  'one invalid spec refuses the whole createMany with the error create gives, writing nothing',
  async (t) => {
    const rec = recorder();
    const { app, settle } = await createTestApp({ plugins: [rec.plugin], rateLimits: false, t });
    const { root, alice, tournamentId } = await league(app);
    const orgId = await orgIdOf(app, tournamentId);
    const db = app.racedesk.db;
    const archived = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/league/tournaments`,
      headers: root.headers,
      payload: { slug: 'old', name: 'Old' },
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/league/tournaments/${archived.json().id}`,
      headers: root.headers,
      payload: { archived: true },
    });
    const good = { tournamentId, scheduledAt: '2030-01-09T18:00:00Z', players: [alice.userId] };
    const member: Actor = { kind: 'user', userId: alice.userId };
    const cases: [string, object, Actor, string][] = [
      ['a player who does not exist', { ...good, players: [999_999] }, IMPORTER, 'RD_PLAYER_NOT_FOUND'],
      [
        'an archived tournament',
        { ...good, tournamentId: archived.json().id },
        IMPORTER,
        'RD_TOURNAMENT_ARCHIVED',
      ],
      ["another org's tournament", { ...good, tournamentId: 999_999 }, IMPORTER, 'RD_TOURNAMENT_NOT_FOUND'],
      [
        'an unknown stream channel',
        { ...good, streamChannelId: 999_999 },
        IMPORTER,
        'RD_STREAM_CHANNEL_NOT_FOUND',
      ],
      [
        'a time without offset',
        { ...good, scheduledAt: '2030-01-09T18:00' },
        IMPORTER,
        'RD_TIME_OFFSET_REQUIRED',
      ],
      ['a member, not a moderator', good, member, 'RD_ROLE_TOO_LOW'],
    ];
    const audited = async () => Number((await db('audit_log').count('* as n').first())!.n);
    const auditBefore = await audited();
    for (const [what, bad, actor, code] of cases) {
      const codeOf = async (specs: object[]) => {
        try {
          await app.racedesk.domain.matches.createMany(orgId, specs as never, actor);
        } catch (error) {
          return error instanceof RacedeskError ? error.code : String(error);
        }
        return 'no error';
      };
      t.equal(await codeOf([good, bad, good]), code, what);
      t.equal(await codeOf([bad]), code, `${what}: create alone says the same`);
    }
    await settle();
    t.equal((await db('matches').count('* as n').first())!.n, 0, 'no match written');
    t.equal(await audited(), auditBefore, 'nothing audited');
    t.same(
      rec.names().filter((n) => n.startsWith('core.match.')),
      [],
      'nothing announced',
    );
  },
);

t.test(
  'claimMatches claims many matches as claim does each; an unknown match refuses them all',
  async (t) => {
    const { app } = await createTestApp({ rateLimits: false, t });
    const { alice, tournamentId } = await league(app);
    const orgId = await orgIdOf(app, tournamentId);
    const { matches } = app.racedesk.domain;
    const [a, b] = await matches.createMany(
      orgId,
      [0, 1].map((i) => ({
        tournamentId,
        scheduledAt: new Date(Date.UTC(2030, 0, 1, i)),
        players: [alice.userId],
      })),
      IMPORTER,
    );
    await matches.automation.claim('single', { matchId: a!.id }, ['time'], 'one at a time');
    await matches.automation.claimMatches('importer', [a!.id, b!.id], ['time', 'players'], 'imported');
    // Claiming again updates the aspects and reason, as claim does.
    await matches.automation.claimMatches(
      'importer',
      [a!.id, b!.id],
      ['time', 'players', 'crew'],
      'imported again',
    );
    t.same((await matches.get(a!.id)).automation, [
      { pluginId: 'single', aspects: ['time'], reason: 'one at a time' },
      { pluginId: 'importer', aspects: ['time', 'players', 'crew'], reason: 'imported again' },
    ]);
    t.same((await matches.get(b!.id)).automation, [
      { pluginId: 'importer', aspects: ['time', 'players', 'crew'], reason: 'imported again' },
    ]);
    const refused = await matches.automation.claimMatches('other', [b!.id, 999_999], ['time'], 'nope').then(
      () => 'no error',
      (e: RacedeskError) => e.code,
    );
    t.equal(refused, 'RD_AUTOMATION_TARGET');
    t.same(
      (await matches.get(b!.id)).automation?.map((c) => c.pluginId),
      ['importer'],
      'nothing claimed',
    );
  },
);

t.test('signUpMany signs up, audits and announces each seat exactly as signUp does', async (t) => {
  const rec = recorder();
  const { app, settle } = await createTestApp({ plugins: [rec.plugin], rateLimits: false, t });
  const { mod, alice, bob, tournamentId } = await league(app);
  const orgId = await orgIdOf(app, tournamentId);
  const { matches, crew } = app.racedesk.domain;
  const created = await matches.createMany(
    orgId,
    [0, 1, 2, 3].map((i) => ({ tournamentId, scheduledAt: new Date(Date.UTC(2030, 0, 1, i)), players: [] })),
    IMPORTER,
  );
  const ids = created.map((m) => m.id);
  await settle();
  rec.seen.splice(0);
  const moderator: Actor = { kind: 'user', userId: mod.userId };
  const self: Actor = { kind: 'user', userId: alice.userId };

  await crew.signUp(orgId, ids[0]!, { role: 'commentator', userId: alice.userId }, moderator);
  await settle();
  await crew.signUp(orgId, ids[0]!, { role: 'tracker', userId: bob.userId }, moderator);
  // Events of separate transactions may interleave: each call's reach the recorder before the next.
  await settle();
  await crew.signUp(orgId, ids[0]!, { role: 'restreamer' }, self);
  await settle();
  const single = await trail(app, [ids[0]!], rec.seen.splice(0), 'crew');

  const { result: seats, outboxInserts } = await counted(app, () =>
    crew.signUpMany(
      orgId,
      [
        { matchId: ids[1]!, role: 'commentator', userId: alice.userId },
        { matchId: ids[1]!, role: 'tracker', userId: bob.userId },
      ],
      moderator,
    ),
  );
  await settle();
  await crew.signUpMany(orgId, [{ matchId: ids[1]!, role: 'restreamer' }], self);
  await settle();
  const bulk = await trail(app, [ids[1]!], rec.seen.splice(0), 'crew');
  t.same(bulk, single, "the same events (signed_up, then approved for a moderator's pick) and audit entries");
  t.equal(outboxInserts, 1, 'the events of one call share one outbox insert');
  t.same(
    seats.map((s) => [s.matchId, s.userId, s.role, s.approved, s.displayName]),
    [
      [ids[1], alice.userId, 'commentator', true, 'alice'],
      [ids[1], bob.userId, 'tracker', true, 'bob'],
    ],
  );

  const codeOf = (seatsOf: Parameters<typeof crew.signUpMany>[1], actor: Actor = moderator) =>
    crew.signUpMany(orgId, seatsOf, actor).then(
      () => 'no error',
      (e: RacedeskError) => e.code,
    );
  const fresh = { matchId: ids[2]!, role: 'commentator' as const, userId: bob.userId };
  t.equal(
    await codeOf([fresh, { matchId: ids[1]!, role: 'commentator', userId: alice.userId }]),
    'RD_CREW_DUPLICATE',
    'a seat taken already',
  );
  t.equal(await codeOf([fresh, fresh]), 'RD_CREW_DUPLICATE', 'a seat named twice');
  t.equal(await codeOf([fresh, { ...fresh, userId: 999_999 }]), 'RD_USER_NOT_FOUND');
  t.equal(await codeOf([fresh, { ...fresh, matchId: 999_999 }]), 'RD_MATCH_NOT_FOUND');
  t.equal(await codeOf([fresh], self), 'RD_ROLE_TOO_LOW', 'members only sign themselves up');
  await matches.cancel(ids[3]!, 'rained off', IMPORTER);
  t.equal(await codeOf([fresh, { ...fresh, matchId: ids[3]! }]), 'RD_MATCH_CANCELLED');
  await matches.automation.claim('importer', { matchId: ids[2]! }, ['crew'], 'imported');
  t.equal(await codeOf([fresh]), 'RD_MATCH_AUTOMATED', 'another plugin owns the crew');
  t.equal(await codeOf([fresh], IMPORTER), 'no error', 'the owner itself is not refused');
  t.same(await crew.signUpMany(orgId, [], moderator), [], 'no seats, nothing written');
});
