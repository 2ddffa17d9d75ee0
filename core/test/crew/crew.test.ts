import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { league, recorder } from '../matches/helpers.js';

t.test(
  'crew: sign up pending, approve, unapprove, withdraw; needs per match and per tournament',
  async (t) => {
    const rec = recorder();
    const { app, settle } = await createTestApp({ plugins: [rec.plugin], rateLimits: false, t });
    const { org, mod, alice, bob, tournamentId } = await league(app);
    const matches = `/api/v1/orgs/${org}/matches`;
    const match = await app.inject({
      method: 'POST',
      url: matches,
      headers: mod.headers,
      payload: { tournamentId, title: 'Week 1', scheduledAt: '2030-01-09T18:00:00Z', players: [] },
    });
    const crew = `${matches}/${match.json().id}/crew`;
    const signUp = (headers: Record<string, string>, payload: object) =>
      app.inject({ method: 'POST', url: crew, headers, payload });
    const post = (url: string, headers: Record<string, string>) =>
      app.inject({ method: 'POST', url, headers });

    const alices = await signUp(alice.headers, { role: 'commentator' });
    t.equal(alices.statusCode, 201, alices.body);
    t.match(alices.json(), {
      userId: alice.userId,
      role: 'commentator',
      approved: false,
      displayName: 'alice',
    });
    const twice = await signUp(alice.headers, { role: 'commentator' });
    t.equal(twice.statusCode, 409);
    t.equal(twice.json().error.code, 'RD_CREW_DUPLICATE');
    t.equal((await signUp(alice.headers, { role: 'tracker', userId: bob.userId })).statusCode, 403);
    t.equal((await signUp(alice.headers, { role: 'caster' })).statusCode, 400, 'unknown roles are refused');
    const ghost = await signUp(mod.headers, { role: 'tracker', userId: 999_999 });
    t.equal(ghost.statusCode, 422);
    t.equal(ghost.json().error.code, 'RD_USER_NOT_FOUND');
    const bobs = await signUp(mod.headers, { role: 'tracker', userId: bob.userId });
    t.match(bobs.json(), { userId: bob.userId, approved: true }, 'added by a moderator: approved');

    const view = await app.inject({ method: 'GET', url: crew, headers: bob.headers });
    t.equal(view.json().items.length, 2);
    t.same(view.json().needs, [
      { role: 'commentator', needed: 2, approved: 0, pending: 1 },
      { role: 'tracker', needed: 1, approved: 1, pending: 0 },
      { role: 'restreamer', needed: 1, approved: 0, pending: 0 },
    ]);

    const aliceUrl = `${crew}/${alices.json().id}`;
    t.equal(
      (await post(`${aliceUrl}/approve`, alice.headers)).statusCode,
      403,
      'crew cannot approve themselves',
    );
    t.equal((await post(`${aliceUrl}/approve`, mod.headers)).json().approved, true);
    t.equal(
      (await post(`${aliceUrl}/approve`, mod.headers)).json().approved,
      true,
      'approving again changes nothing',
    );
    t.equal((await post(`${aliceUrl}/unapprove`, mod.headers)).json().approved, false);
    const needs = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org}/tournaments/${tournamentId}/crew-needs`,
      headers: alice.headers,
    });
    t.match(needs.json().items, [
      {
        matchId: match.json().id,
        title: 'Week 1',
        scheduledAt: '2030-01-09T18:00:00.000Z',
        needs: [{ role: 'commentator', approved: 0, pending: 1 }, { role: 'tracker', approved: 1 }, {}],
      },
    ]);

    const byOther = await app.inject({ method: 'DELETE', url: aliceUrl, headers: bob.headers });
    t.equal(byOther.statusCode, 403, 'members remove only themselves');
    const withdrawn = await app.inject({ method: 'DELETE', url: aliceUrl, headers: alice.headers });
    t.equal(withdrawn.statusCode, 204);
    t.equal((await app.inject({ method: 'DELETE', url: aliceUrl, headers: alice.headers })).statusCode, 404);
    const kept = await app.racedesk.db('match_crew').where({ id: alices.json().id }).first();
    t.type(kept.removed_at, Date, 'the sign-up is kept, marked removed');
    t.equal((await signUp(alice.headers, { role: 'commentator' })).statusCode, 201, 'and may sign up again');

    await settle();
    const crewEvents = rec.seen.filter((e) => e.name.startsWith('core.crew.'));
    t.same(
      crewEvents.map((e) => [e.name, (e.payload as { crew: { userId: number } }).crew.userId]),
      [
        ['core.crew.signed_up', alice.userId],
        ['core.crew.signed_up', bob.userId],
        ['core.crew.approved', bob.userId],
        ['core.crew.approved', alice.userId],
        ['core.crew.unapproved', alice.userId],
        ['core.crew.removed', alice.userId],
        ['core.crew.signed_up', alice.userId],
      ],
    );
    t.match(crewEvents[3], { actor: { kind: 'user', userId: mod.userId }, orgId: Number });
    const audited = await app.racedesk
      .db('audit_log')
      .where('action', 'like', 'crew.%')
      .orderBy('id')
      .pluck('action');
    t.same(audited, [
      'crew.signed_up',
      'crew.signed_up',
      'crew.approved',
      'crew.unapproved',
      'crew.removed',
      'crew.signed_up',
    ]);

    await app.inject({
      method: 'POST',
      url: `${matches}/${match.json().id}/cancel`,
      headers: mod.headers,
      payload: { reason: 'postponed' },
    });
    const late = await signUp(bob.headers, { role: 'restreamer' });
    t.equal(late.statusCode, 409);
    t.equal(late.json().error.code, 'RD_MATCH_CANCELLED');
    const after = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org}/tournaments/${tournamentId}/crew-needs`,
      headers: alice.headers,
    });
    t.same(after.json().items, [], 'cancelled matches need no crew');
    for (const url of [`${matches}/999/crew`, `/api/v1/orgs/${org}/tournaments/999/crew-needs`]) {
      const missing = await app.inject({ method: 'GET', url, headers: alice.headers });
      t.equal(missing.statusCode, 404, url);
    }
  },
);

t.test('tournament crew needs page through every upcoming match with the standard cursor', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const { org, mod, alice, tournamentId } = await league(app);
  const { db, clock } = app.racedesk;
  const orgId = (await db('organizations').where({ slug: org }).first('id')).id as number;
  const now = clock.now().getTime();
  // 130 upcoming matches an hour apart (more than the old cap of 100), one past and one cancelled.
  const at = (hours: number) => new Date(now + hours * 3_600_000);
  const rows = Array.from({ length: 130 }, (_, i) => ({ title: `M${i + 1}`, scheduled_at: at(i + 1) }));
  rows.push({ title: 'past', scheduled_at: at(-1) });
  const ids = await db('matches')
    .insert(
      [
        ...rows,
        { title: 'cancelled', scheduled_at: at(5), cancelled_at: at(0) } as (typeof rows)[number],
      ].map((r) => ({
        ...r,
        org_id: orgId,
        tournament_id: tournamentId,
        created_at: at(0),
        updated_at: at(0),
      })),
    )
    .returning('id');
  const late = ids[120]!.id as number;
  const added = await app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${org}/matches/${late}/crew`,
    headers: mod.headers,
    payload: { role: 'tracker', userId: alice.userId },
  });
  t.equal(added.statusCode, 201, added.body);

  const url = `/api/v1/orgs/${org}/tournaments/${tournamentId}/crew-needs`;
  const seen: Array<{ matchId: number; title: string; needs: Array<{ role: string; approved: number }> }> =
    [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const res: Awaited<ReturnType<typeof app.inject>> = await app.inject({
      method: 'GET',
      url: `${url}?limit=50${cursor ? `&cursor=${cursor}` : ''}`,
      headers: alice.headers,
    });
    t.equal(res.statusCode, 200, res.body);
    sizes.push(res.json().items.length);
    seen.push(...res.json().items);
    cursor = res.json().nextCursor;
  } while (cursor);
  t.same(sizes, [50, 50, 30]);
  t.same(
    seen.map((m) => m.title),
    rows.slice(0, 130).map((r) => r.title),
    'every upcoming match once, by time, without past or cancelled ones',
  );
  t.match(seen[120], { matchId: late, needs: [{}, { role: 'tracker', approved: 1 }, {}] });

  const first = await app.inject({ method: 'GET', url, headers: alice.headers });
  t.equal(first.json().items.length, 25, 'pages hold 25 by default');
  const bad = await app.inject({ method: 'GET', url: `${url}?cursor=nonsense`, headers: alice.headers });
  t.equal(bad.statusCode, 400);
  t.equal(bad.json().error.code, 'RD_PAGE_CURSOR');
});
