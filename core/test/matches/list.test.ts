import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { createOrg } from '../auth/helpers/people.js';
import { league } from './helpers.js';

type Item = { id: number; scheduledAt: string };

t.test(
  'the match list filters by tournament, status, player, window and upcoming, paged by cursor',
  async (t) => {
    const { app } = await createTestApp({ rateLimits: false, t });
    const { org, root, mod, alice, bob, tournamentId } = await league(app);
    const base = `/api/v1/orgs/${org}/matches`;
    const cup = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org}/tournaments`,
      headers: root.headers,
      payload: { slug: 'cup', name: 'Cup' },
    });
    const create = async (scheduledAt: string, players: number[], tournament = tournamentId) => {
      const res = await app.inject({
        method: 'POST',
        url: base,
        headers: mod.headers,
        payload: { tournamentId: tournament, scheduledAt, players },
      });
      t.equal(res.statusCode, 201, res.body);
      return res.json().id as number;
    };
    // The test clock starts at 2030-01-07T12:00Z.
    const past = await create('2030-01-06T18:00:00Z', [alice.userId]);
    const m1 = await create('2030-01-08T18:00:00Z', [alice.userId, bob.userId]);
    const m2 = await create('2030-01-08T18:00:00Z', [bob.userId]);
    const m3 = await create('2030-01-09T18:00:00Z', [alice.userId], cup.json().id);
    const cancelled = await create('2030-01-10T18:00:00Z', [alice.userId]);
    const started = await create('2030-01-07T12:00:00Z', [bob.userId]);
    const m4 = await create('2030-01-11T09:00:00+09:00', [alice.userId, bob.userId]);
    await app.inject({
      method: 'POST',
      url: `${base}/${cancelled}/cancel`,
      headers: mod.headers,
      payload: { reason: 'rained out' },
    });
    await app.inject({
      method: 'POST',
      url: `${base}/${started}/state`,
      headers: mod.headers,
      payload: { state: 'finished' },
    });
    const other = await createOrg(app, root, 'other');
    const theirs = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${other}/tournaments`,
      headers: root.headers,
      payload: { slug: 'theirs', name: 'Theirs' },
    });
    await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${other}/matches`,
      headers: root.headers,
      payload: { tournamentId: theirs.json().id, scheduledAt: '2030-01-08T18:00:00Z', players: [] },
    });

    const ids = async (query: string) => {
      const res = await app.inject({ method: 'GET', url: `${base}?${query}`, headers: alice.headers });
      t.equal(res.statusCode, 200, res.body);
      return (res.json().items as Item[]).map((m) => m.id);
    };
    const all = async (query: string, limit: number) => {
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const q: string = `${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await app.inject({ method: 'GET', url: `${base}?${q}`, headers: alice.headers });
        seen.push(...(res.json().items as Item[]).map((m) => m.id));
        cursor = res.json().nextCursor;
        pages++;
      } while (cursor && pages < 20);
      return seen;
    };

    const everything = [past, started, m1, m2, m3, cancelled, m4];
    t.same(await ids(''), everything, 'by scheduled time, then id; only this org');
    t.same(await all('', 2), everything, 'pages of two walk the same list without gaps or repeats');
    t.same(await all(`playerId=${alice.userId}`, 1), [past, m1, m3, cancelled, m4], 'paged with a filter');
    t.same(await ids(`tournamentId=${cup.json().id}`), [m3]);
    t.same(await ids('status=cancelled'), [cancelled]);
    t.same(await ids('status=finished'), [started]);
    t.same(await ids(`status=scheduled&playerId=${bob.userId}`), [m1, m2, m4]);
    t.same(
      await ids('from=2030-01-08T18:00:00Z&to=2030-01-10T18:00:00Z'),
      [m1, m2, m3],
      'from is inclusive, to exclusive',
    );
    t.same(await ids('from=2030-01-09T03:00:00%2B09:00&to=2030-01-11T00:00:00Z'), [m1, m2, m3, cancelled]);
    t.same(await ids('upcoming=true'), [m1, m2, m3, m4], 'upcoming: from now, not cancelled or finished');

    const bad = async (query: string, status: number, code?: string) => {
      const res = await app.inject({ method: 'GET', url: `${base}?${query}`, headers: alice.headers });
      t.equal(res.statusCode, status, query);
      t.type(res.json().error?.message, 'string', 'in the one error shape');
      if (code) t.equal(res.json().error.code, code);
      return res.json().error?.message as string;
    };
    await bad('from=2030-01-08T18:00:00', 400, 'RD_TIME_OFFSET_REQUIRED');
    t.match(await bad('from=2030-01-09T03:00:00+09:00', 400, 'RD_TIME_OFFSET_REQUIRED'), /send it as %2B/);
    await bad('from=2030-01-09T00:00:00Z&to=2030-01-08T00:00:00Z', 400, 'RD_TIME_WINDOW');
    await bad('cursor=not-a-cursor', 400, 'RD_PAGE_CURSOR');
    const forged = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    await bad(`cursor=${forged}`, 400, 'RD_PAGE_CURSOR');
    await bad('status=lost', 400);
    await bad('limit=1000', 400);
    await bad('playerId=abc', 400);
  },
);
