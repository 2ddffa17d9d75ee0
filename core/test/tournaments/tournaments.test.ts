import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { addMember, createOrg, signIn } from '../auth/helpers/people.js';
import { recorder } from '../matches/helpers.js';

t.test(
  'tournaments: create, list, get, update, archive and restore, each audited and announced',
  async (t) => {
    const rec = recorder();
    const { app, settle } = await createTestApp({ plugins: [rec.plugin], rateLimits: false, t });
    const root = await signIn(app, { superadmin: true });
    const org = await createOrg(app, root, 'league');
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${org}`,
      headers: root.headers,
      payload: { timezone: 'Europe/Berlin' },
    });
    await app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${org}/plugins/recorder`,
      headers: root.headers,
      payload: { enabled: true },
    });
    const member = await signIn(app, { username: 'member' });
    await addMember(app, root, org, member, 'member');
    const base = `/api/v1/orgs/${org}/tournaments`;
    const post = (payload: object, headers = root.headers) =>
      app.inject({ method: 'POST', url: base, headers, payload });
    const patch = (id: number, payload: object) =>
      app.inject({ method: 'PATCH', url: `${base}/${id}`, headers: root.headers, payload });

    const created = await post({
      slug: 'season-1',
      name: 'Season 1',
      crewNeeds: { commentator: 2, tracker: 1, restreamer: 1 },
    });
    t.equal(created.statusCode, 201, created.body);
    t.match(created.json(), {
      slug: 'season-1',
      name: 'Season 1',
      timezone: 'Europe/Berlin',
      archivedAt: null,
      crewNeeds: { commentator: 2, tracker: 1, restreamer: 1 },
    });
    const id = created.json().id;
    const own = await post({ slug: 'asia-cup', name: 'Asia Cup', timezone: 'Asia/Tokyo' });
    t.equal(own.json().timezone, 'Asia/Tokyo', 'its own zone when given');

    const taken = await post({ slug: 'season-1', name: 'Again' });
    t.equal(taken.statusCode, 409);
    t.equal(taken.json().error.code, 'RD_TOURNAMENT_SLUG_TAKEN');
    const badZone = await post({ slug: 'mars', name: 'Mars', timezone: 'Mars/Olympus_Mons' });
    t.equal(badZone.statusCode, 400);
    t.equal(badZone.json().error.code, 'RD_TIME_ZONE_UNKNOWN');
    const badSlug = await post({ slug: 'Not A Slug', name: 'x' });
    t.equal(badSlug.statusCode, 400);
    t.ok(badSlug.json().error.message, 'in the one error shape');
    const byMember = await post({ slug: 'mine', name: 'Mine' }, member.headers);
    t.equal(byMember.statusCode, 403);
    const other = await createOrg(app, root, 'other-league');
    const elsewhere = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${other}/tournaments`,
      headers: root.headers,
      payload: { slug: 'season-1', name: 'Season 1' },
    });
    t.equal(elsewhere.statusCode, 201, 'slugs are unique per org only');
    const notHere = await app.inject({
      method: 'GET',
      url: `${base}/${elsewhere.json().id}`,
      headers: root.headers,
    });
    t.equal(notHere.statusCode, 404, "another org's tournament is not found here");

    const got = await app.inject({ method: 'GET', url: `${base}/${id}`, headers: member.headers });
    t.equal(got.json().name, 'Season 1', 'members read');
    const page1 = await app.inject({ method: 'GET', url: `${base}?limit=1`, headers: member.headers });
    t.same(
      page1.json().items.map((x: { slug: string }) => x.slug),
      ['asia-cup'],
    );
    const page2 = await app.inject({
      method: 'GET',
      url: `${base}?limit=1&cursor=${page1.json().nextCursor}`,
      headers: member.headers,
    });
    t.same(
      page2.json().items.map((x: { slug: string }) => x.slug),
      ['season-1'],
    );
    t.equal(page2.json().nextCursor, null);

    const renamed = await patch(id, { name: 'Season One', timezone: 'America/New_York' });
    t.match(renamed.json(), { name: 'Season One', timezone: 'America/New_York' });
    const followOrg = await patch(id, { timezone: null });
    t.equal(followOrg.json().timezone, 'Europe/Berlin', "null follows the org's zone again");
    t.equal((await patch(id, { timezone: 'Nowhere/Land' })).statusCode, 400);
    t.equal((await patch(id, {})).statusCode, 400, 'an empty change is refused');

    const archived = await patch(id, { archived: true });
    t.type(archived.json().archivedAt, 'string');
    const active = await app.inject({ method: 'GET', url: base, headers: root.headers });
    t.same(
      active.json().items.map((x: { slug: string }) => x.slug),
      ['asia-cup'],
      'archived tournaments leave the default list',
    );
    const all = await app.inject({ method: 'GET', url: `${base}?archived=true`, headers: root.headers });
    t.equal(all.json().items.length, 2);
    const match = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org}/matches`,
      headers: root.headers,
      payload: { tournamentId: id, scheduledAt: '2030-01-09T18:00:00Z', players: [] },
    });
    t.equal(match.statusCode, 422);
    t.equal(match.json().error.code, 'RD_TOURNAMENT_ARCHIVED');
    const restored = await patch(id, { archived: false });
    t.equal(restored.json().archivedAt, null);
    t.ok(await app.racedesk.db('tournaments').where({ id }).first(), 'nothing is deleted');

    await settle();
    const mine = rec.seen.filter((e) => e.name.startsWith('core.tournament') && e.orgId !== null);
    t.same(
      mine
        .filter((e) => (e.payload as { tournament: { id: number } }).tournament.id === id)
        .map((e) => e.name),
      [
        'core.tournament.created',
        'core.tournament.updated',
        'core.tournament.updated',
        'core.tournament.archived',
        'core.tournament.updated',
      ],
    );
    t.match(mine.at(-1), {
      actor: { kind: 'user', userId: root.userId },
      payload: { tournament: { id, slug: 'season-1' }, changed: ['archived'] },
    });
    const audit = await app.racedesk
      .db('audit_log')
      .where({ target_type: 'tournament', target_id: String(id) })
      .orderBy('id')
      .select('action');
    t.same(
      audit.map((a) => a.action),
      [
        'tournament.created',
        'tournament.updated',
        'tournament.updated',
        'tournament.updated',
        'tournament.updated',
      ],
    );
  },
);
