import { createTestApp, signIn } from '@racedesk/testkit';
import t from 'tap';
import { addMember, createOrg } from '../auth/helpers/people.js';
import { league, recorder } from './helpers.js';

t.test('match changes: only real changes are written and announced; bad input changes nothing', async (t) => {
  const rec = recorder();
  const { app, settle } = await createTestApp({ plugins: [rec.plugin], rateLimits: false, t });
  const { org, root, mod, alice, bob, tournamentId } = await league(app);
  const carol = await signIn(app, { username: 'carol' });
  await addMember(app, root, org, carol, 'member');
  const base = `/api/v1/orgs/${org}/matches`;
  const db = app.racedesk.db;
  const create = (payload: object) =>
    app.inject({ method: 'POST', url: base, headers: mod.headers, payload });
  const valid = { tournamentId, scheduledAt: '2030-01-09T18:00:00Z', players: [alice.userId, bob.userId] };

  const other = await createOrg(app, root, 'other');
  const foreign = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${other}/tournaments`,
    headers: root.headers,
    payload: { slug: 'theirs', name: 'Theirs' },
  });
  const foreignChannel = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${other}/stream-channels`,
    headers: root.headers,
    payload: { name: 'Theirs', url: 'https://twitch.tv/theirs' },
  });
  for (const [payload, status, code] of [
    [{ ...valid, scheduledAt: '2030-01-09T18:00' }, 400, 'RD_TIME_OFFSET_REQUIRED'],
    [{ ...valid, scheduledAt: '2030-02-30T18:00:00Z' }, 400, 'RD_TIME_INVALID'],
    [{ ...valid, players: [alice.userId, 999_999] }, 422, 'RD_PLAYER_NOT_FOUND'],
    [{ ...valid, players: [alice.userId, alice.userId] }, 400, undefined],
    [{ ...valid, tournamentId: foreign.json().id }, 422, 'RD_TOURNAMENT_NOT_FOUND'],
    [{ ...valid, streamChannelId: foreignChannel.json().id }, 422, 'RD_STREAM_CHANNEL_NOT_FOUND'],
  ] as const) {
    const res = await create(payload);
    t.equal(res.statusCode, status, JSON.stringify(payload));
    if (code) t.equal(res.json().error.code, code);
  }
  t.equal(Number((await db('matches').count('* as n').first())?.n), 0, 'no refused match was half-written');

  const match = (await create({ ...valid, title: 'Week 1' })).json();
  const url = `${base}/${match.id}`;
  const patch = (payload: object) => app.inject({ method: 'PATCH', url, headers: mod.headers, payload });

  t.equal((await patch({ title: 'Week 1 final' })).json().title, 'Week 1 final');
  const same = await patch({ title: 'Week 1 final', players: [alice.userId, bob.userId] });
  t.equal(same.statusCode, 200, 'a patch that changes nothing is fine');
  const reseated = await patch({ players: [bob.userId, alice.userId] });
  t.same(
    reseated.json().players.map((p: { userId: number; seat: number }) => [p.userId, p.seat]),
    [
      [bob.userId, 1],
      [alice.userId, 2],
    ],
  );
  await patch({ players: [bob.userId, carol.userId] });

  const refused = await patch({ title: 'Renamed', players: [bob.userId, 999_999] });
  t.equal(refused.statusCode, 422);
  const unchanged = await app.inject({ method: 'GET', url, headers: mod.headers });
  t.equal(unchanged.json().title, 'Week 1 final', 'the title of a refused patch was not applied');
  t.same(
    unchanged.json().players.map((p: { userId: number }) => p.userId),
    [bob.userId, carol.userId],
  );

  await settle();
  const events = rec.seen.filter((e) => e.name !== 'core.match.created' && e.name.startsWith('core.match.'));
  t.same(
    events
      .map((e) => [e.name, e.payload as Record<string, unknown>])
      .map(([name, p]) => {
        const { changed, added, removed } = p as Record<string, unknown>;
        return [name, changed ?? { added, removed }];
      }),
    [
      ['core.match.updated', ['title']],
      ['core.match.players_changed', { added: [], removed: [] }],
      ['core.match.players_changed', { added: [carol.userId], removed: [alice.userId] }],
    ],
  );
  t.same((events.at(-1)!.payload as { match: { playerIds: number[] } }).match.playerIds, [
    bob.userId,
    carol.userId,
  ]);
  const audit = await db('audit_log').where({ action: 'match.updated' }).orderBy('id').pluck('details');
  t.same(audit, [
    { title: { from: 'Week 1', to: 'Week 1 final' } },
    { players: { from: [alice.userId, bob.userId], to: [bob.userId, alice.userId] } },
    { players: { from: [bob.userId, alice.userId], to: [bob.userId, carol.userId] } },
  ]);

  await app.inject({
    method: 'POST',
    url: `${url}/results`,
    headers: mod.headers,
    payload: { results: [{ userId: bob.userId, finishRank: 1, status: 'done' }] },
  });
  const late = await patch({ players: [carol.userId] });
  t.equal(late.statusCode, 409);
  t.equal(late.json().error.code, 'RD_MATCH_RECORDED');
  // What describes a recorded match for the archive may still be corrected.
  const labelled = await patch({ title: 'Week 1 grand final', round: 'Final' });
  t.equal(labelled.statusCode, 200, labelled.body);
  t.match(labelled.json(), { title: 'Week 1 grand final', round: 'Final', state: 'recorded' });
});

t.test('match creation reads the role inside the caller’s transaction', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const { org, alice, bob, tournamentId } = await league(app);
  const { db, domain } = app.racedesk;
  const orgId = (await db('organizations').where({ slug: org }).first('id')).id as number;
  const spec = { tournamentId, scheduledAt: '2030-01-09T18:00:00Z', players: [bob.userId] };
  const asAlice = { kind: 'user' as const, userId: alice.userId };

  // A plugin promotes Alice and schedules her match in one transaction: the check sees the promotion.
  const created = await db.transaction(async (trx) => {
    await trx('org_members').where({ org_id: orgId, user_id: alice.userId }).update({ role: 'moderator' });
    return domain.matches.create(orgId, spec, asAlice, trx);
  });
  t.equal(created.players[0]?.userId, bob.userId);
  // ...and a demotion earlier in the same transaction is seen too.
  const refused = await db
    .transaction(async (trx) => {
      await trx('org_members').where({ org_id: orgId, user_id: alice.userId }).update({ role: 'member' });
      return domain.matches.create(orgId, spec, asAlice, trx);
    })
    .catch((err: { code?: string }) => err);
  t.match(refused, { code: 'RD_ROLE_TOO_LOW' });
  t.equal(Number((await db('matches').count('* as n').first())?.n), 1, 'only the permitted match exists');
});
