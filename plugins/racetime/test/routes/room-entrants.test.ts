import { addMember, api, createOrg, signIn } from '@racedesk/testkit';
import t from 'tap';
import { league, matchOf, raceUnderWay, until } from '../helpers/league.js';
import { racetimeTestApp } from '../helpers/racetime-app.js';

interface Entrant {
  racetimeId: string | null;
  racetimeName: string;
  userId: number | null;
  status: string;
  place: number | null;
  finishTime: string | null;
}
interface Room {
  status: string;
  slug: string | null;
  race: { status: string; startedAt: string | null; endedAt: string | null } | null;
  entrants: Entrant[];
}

t.test('a room shows its race and entrants as last seen, linked ones as Racedesk users', async (t) => {
  const rt = await racetimeTestApp(t);
  const lg = await league(rt);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const { matchId, slug } = await raceUnderWay(rt, lg, [mario, luigi]);
  const toad = rt.emulator.registerUser({ name: 'Toad' });
  const url = `/api/v1/orgs/${lg.org.slug}/racetime/matches/${matchId}/room`;

  const running = await api<Room>(rt.app, lg.mod, 'GET', url);
  t.match(running, { status: 'in_progress', slug: `alttpr/${slug}`, race: { status: 'in_progress' } });
  t.ok(running.race?.startedAt, 'the start time is there');
  t.same(running.entrants.map((e) => [e.racetimeName.split('#')[0], e.userId, e.status]).sort(), [
    ['Luigi', luigi.person.userId, 'in_progress'],
    ['Mario', mario.person.userId, 'in_progress'],
  ]);

  rt.emulator.players.finish(slug, mario.racetime.id);
  await rt.clock.advance('20s');
  rt.emulator.players.forfeit(slug, luigi.racetime.id);
  await until('results recorded', async () => (await matchOf(rt, lg, matchId)).state === 'recorded');
  const done = await api<Room>(rt.app, lg.mod, 'GET', url);
  t.match(done.race, { status: 'finished' });
  t.match(done.entrants[0], {
    racetimeId: mario.racetime.id,
    userId: mario.person.userId,
    status: 'done',
    place: 1,
    finishTime: /^P0DT00H\d\dM\d\d/,
  });
  t.match(done.entrants[1], { userId: luigi.person.userId, status: 'dnf', place: null, finishTime: null });
  t.notOk(
    done.entrants.some((e) => e.racetimeId === toad.id),
    'someone never in the room is not an entrant',
  );
});

t.test('GET .../racetime/rooms: the rooms of many matches in one request', async (t) => {
  const rt = await racetimeTestApp(t);
  const lg = await league(rt);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const { matchId: racing, slug } = await raceUnderWay(rt, lg, [mario, luigi]);
  const later = await lg.match('2030-01-09T12:30:00Z', [mario, luigi], 'Rematch');
  const base = `/api/v1/orgs/${lg.org.slug}/racetime/rooms`;

  const { items } = await api<{ items: Array<Room & { matchId: number }> }>(
    rt.app,
    lg.mod,
    'GET',
    `${base}?matchIds=${later},${racing},${racing},999999`,
  );
  t.same(
    items.map((i) => i.matchId),
    [racing, later],
    'each known match once, in id order; unknown ids left out',
  );
  t.match(items[0], { status: 'in_progress', slug: `alttpr/${slug}`, race: { status: 'in_progress' } });
  t.equal(items[0]!.entrants.length, 2);
  t.match(items[1], { status: 'pending', slug: null, race: null, entrants: [] });
  const single = await api<Room>(
    rt.app,
    lg.mod,
    'GET',
    `/api/v1/orgs/${lg.org.slug}/racetime/matches/${racing}/room`,
  );
  t.same({ ...items[0], matchId: undefined }, { ...single, matchId: undefined }, 'same view as one room');

  for (const [query, what] of [
    ['', 'missing'],
    ['?matchIds=', 'empty'],
    ['?matchIds=1,abc', 'not a number'],
    ['?matchIds=0', 'zero'],
    ['?matchIds=-3', 'negative'],
    ['?matchIds=1,,2', 'an empty part'],
    ['?matchIds=99999999999999999999', 'too large'],
    [`?matchIds=${Array.from({ length: 101 }, (_, i) => i + 1).join(',')}`, '101 ids'],
  ] as const) {
    const res = await rt.app.inject({ method: 'GET', url: `${base}${query}`, headers: lg.mod.headers });
    t.equal(res.statusCode, 400, `${what}: 400`);
    const body = res.json() as { error: { code: string; message: string; details: unknown } };
    t.equal(body.error.code, 'RD_VALIDATION', `${what}: the one error shape`);
    t.match(body.error.message, /matchIds/, `${what}: the message names the parameter`);
  }
  const hundred = Array.from({ length: 100 }, (_, i) => racing + i).join(',');
  const ok = await api<{ items: unknown[] }>(rt.app, lg.mod, 'GET', `${base}?matchIds=${hundred}`);
  t.equal(ok.items.length, 2, '100 ids are fine');
});

t.test('rooms of another org: not found, and never listed', async (t) => {
  const rt = await racetimeTestApp(t);
  const lg = await league(rt);
  const [mario, luigi] = [await lg.player('Mario'), await lg.player('Luigi')];
  const { matchId } = await raceUnderWay(rt, lg, [mario, luigi]);
  const stranger = await signIn(rt.app, { username: 'stranger' });
  await createOrg(rt.app, rt.root, 'other');
  await addMember(rt.app, rt.root, 'other', stranger, 'owner');
  await api(rt.app, rt.root, 'PUT', '/api/v1/orgs/other/plugins/racetime', { enabled: true, settings: {} });

  for (const url of [
    `/api/v1/orgs/${lg.org.slug}/racetime/rooms?matchIds=${matchId}`,
    `/api/v1/orgs/${lg.org.slug}/racetime/matches/${matchId}/room`,
  ]) {
    const res = await rt.app.inject({ method: 'GET', url, headers: stranger.headers });
    t.equal(res.statusCode, 404, `a member of another org gets 404 for ${url.split('/racetime')[1]}`);
    t.match(res.json(), { error: { code: /^RD_/, message: /./ } });
    const anonymous = await rt.app.inject({ method: 'GET', url });
    t.equal(anonymous.statusCode, 401, 'signed out: 401');
  }
  const own = await api<{ items: unknown[] }>(
    rt.app,
    stranger,
    'GET',
    `/api/v1/orgs/other/racetime/rooms?matchIds=${matchId}`,
  );
  t.same(own.items, [], 'through their own org, the other org’s match is not listed');
  const single = await rt.app.inject({
    method: 'GET',
    url: `/api/v1/orgs/other/racetime/matches/${matchId}/room`,
    headers: stranger.headers,
  });
  t.equal(single.statusCode, 404);
});

t.test('the OpenAPI document has the rooms list and the entrants of a room', async (t) => {
  const rt = await racetimeTestApp(t);
  // A JSON document read by key: loosely typed on purpose.
  type Doc = { [key: string]: Doc } & { name?: string; in?: string; parameters?: Doc[] };
  const doc = (await rt.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as Doc;
  const list = doc.paths?.['/api/v1/orgs/{org}/racetime/rooms']?.get;
  t.ok(list, 'GET .../racetime/rooms is documented');
  t.ok(
    list?.parameters?.some((p) => p.name === 'matchIds' && p.in === 'query'),
    'with its matchIds query',
  );
  t.ok(list?.responses?.['400'], 'and its 400');
  const one = doc.paths?.['/api/v1/orgs/{org}/racetime/matches/{id}/room']?.get;
  const schema = one?.responses?.['200']?.content?.['application/json']?.schema;
  t.match(Object.keys(schema?.properties ?? {}), [
    'status',
    'slug',
    'url',
    'invited',
    'notInvited',
    'skipReason',
    'skipDetail',
    'openAt',
    'race',
    'entrants',
  ]);
  t.match(Object.keys(schema?.properties?.entrants?.items?.properties ?? {}), [
    'racetimeId',
    'racetimeName',
    'userId',
    'status',
    'place',
    'finishTime',
  ]);
});
