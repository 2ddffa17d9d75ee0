import { definePlugin, delivered, type RouteInfo } from '@racedesk/core';
import { createOrg, createTestApp, createToken } from '@racedesk/testkit';
import t from 'tap';
import { examplePlugin } from '../fixtures/example-plugin/index.js';
import { league } from '../matches/helpers.js';
import { guardedPlugin } from '../security/fixtures/guarded-plugin.js';

// A user channel that accepts everything, so match events leave rows in the delivery log.
const inbox = definePlugin({
  id: 'inbox',
  version: '1.0.0',
  core: '^0.1.0',
  init: (ctx) => ctx.domain.notifications.registerChannel({ id: 'inbox', deliver: async () => delivered() }),
});

type Schema = { properties?: Record<string, unknown>; allOf?: Schema[]; anyOf?: Schema[] };
const takesCursor = (schema: Schema | undefined): boolean =>
  !!schema &&
  (!!schema.properties?.cursor || [...(schema.allOf ?? []), ...(schema.anyOf ?? [])].some(takesCursor));

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const decoded = (cursor: string): unknown => JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));

// Cursors no list ever returns, whatever it is ordered by.
const GARBAGE = [
  'not-a-cursor',
  b64('{"broken'),
  b64('"a string"'),
  b64('{}'),
  b64('[]'),
  b64('[1,2,3,4,5,6,7,8]'),
  b64('[[1],[2]]'),
  b64('[{"a":1},{"b":2}]'),
];

// Variants of a real cursor with one value of the wrong type (and one value too many or too few):
// what a forged cursor that still decodes looks like.
function forgeries(real: unknown): string[] {
  const swaps = (v: unknown): unknown[] => {
    if (typeof v === 'number') return ['not-a-number', 1e30, true];
    if (typeof v === 'string') {
      const wrong: unknown[] = [`${v}\u0000`, { v }];
      // An instant as the cursor wrote it; PostgreSQL reads words like 'yesterday' as instants too, so a
      // cursor naming one is a position in the list, not a forgery this check can see.
      if (/^\d{4}-\d{2}-\d{2}T/.test(v)) wrong.push('not-a-time', '2030-13-45T99:00:00Z', 12345);
      return wrong;
    }
    return ['not-a-value', [v]];
  };
  const out: string[] = [];
  if (Array.isArray(real)) {
    real.forEach((v, i) => {
      for (const w of swaps(v)) out.push(b64(JSON.stringify(real.map((x, j) => (j === i ? w : x)))));
    });
    out.push(b64(JSON.stringify([...real, 1])), b64(JSON.stringify(real.slice(1))));
    // JSON that decodes to a number out of every range (Infinity), which JSON.stringify cannot write.
    out.push(b64(`[${real.map(() => '1e999').join(',')}]`));
  } else if (real && typeof real === 'object') {
    for (const [k, v] of Object.entries(real)) {
      for (const w of [...swaps(v), -1, 1.5]) out.push(b64(JSON.stringify({ ...real, [k]: w })));
    }
  }
  return out;
}

t.test(
  'every list route of the live route table answers a forged cursor with 400 RD_PAGE_CURSOR',
  async (t) => {
    const { app, settle } = await createTestApp({
      plugins: [examplePlugin, guardedPlugin, inbox],
      rateLimits: false,
      t,
    });
    // Two of everything, so that every list has a second page and a real cursor to forge from.
    const { root, org, alice, bob, tournamentId } = await league(app);
    await createOrg(app, root, 'cup');
    const post = async (url: string, payload: object) => {
      const res = await app.inject({ method: 'POST', url, headers: root.headers, payload });
      t.equal(res.statusCode, 201, `${url}: ${res.body}`);
      return res.json() as { id: number };
    };
    await app.inject({
      method: 'PUT',
      url: `/api/v1/orgs/${org}/plugins/inbox`,
      headers: root.headers,
      payload: { enabled: true },
    });
    await post(`/api/v1/orgs/${org}/tournaments`, { slug: 'season-2', name: 'Season 2' });
    const match = await post(`/api/v1/orgs/${org}/matches`, {
      tournamentId,
      scheduledAt: '2030-01-09T18:00:00Z',
      players: [alice.userId, bob.userId],
    });
    await post(`/api/v1/orgs/${org}/matches`, {
      tournamentId,
      scheduledAt: '2030-01-10T18:00:00Z',
      players: [bob.userId, alice.userId],
    });
    await createToken(app, root, org, 'admin', 'one');
    await createToken(app, root, org, 'admin', 'two');
    await post('/api/v1/tokens', { name: 'one' });
    await post('/api/v1/tokens', { name: 'two' });
    await settle();

    // Path parameters by the collection they name: `/tournaments/:id` is the tournament above.
    const ids: Record<string, string | number> = { orgs: org, tournaments: tournamentId, matches: match.id };
    const urlOf = (route: RouteInfo) =>
      route.url.replace(/([\w-]+)\/:(\w+)/g, (all, collection: string) => {
        if (!(collection in ids)) throw new Error(`${route.url}: no value for ${all}; add one above`);
        return `${collection}/${ids[collection]}`;
      });

    const lists = app.racedesk.routes.filter(
      (r) => r.method === 'GET' && takesCursor((r.schema as { querystring?: Schema })?.querystring),
    );
    // The walk means something: core lists of both scopes, and the ones that used to check on their own.
    for (const url of [
      '/api/v1/orgs',
      '/api/v1/jobs',
      '/api/v1/orgs/:org/matches',
      '/api/v1/orgs/:org/tournaments/:id/crew-needs',
      '/api/v1/orgs/:org/notifications/deliveries',
    ]) {
      t.ok(
        lists.some((r) => r.url === url),
        `${url} is among the ${lists.length} list routes`,
      );
    }

    for (const route of lists) {
      const url = urlOf(route);
      const get = (query: string) =>
        app.inject({ method: 'GET', url: `${url}?${query}`, headers: root.headers });
      const first = await get('limit=1');
      t.equal(first.statusCode, 200, `${route.url}: first page (${first.body})`);
      const real = first.json().nextCursor as string | null;
      t.ok(real, `${route.url}: has a second page to forge a cursor from`);
      t.equal((await get(`limit=1&cursor=${real}`)).statusCode, 200, `${route.url}: its own cursor works`);

      const forged = [...GARBAGE, ...(real ? forgeries(decoded(real)) : [])];
      const wrong: string[] = [];
      for (const cursor of forged) {
        const res = await get(`cursor=${cursor}`);
        const code = res.json().error?.code;
        if (
          res.statusCode !== 400 ||
          code !== 'RD_PAGE_CURSOR' ||
          typeof res.json().error?.message !== 'string'
        )
          wrong.push(`${Buffer.from(cursor, 'base64url').toString('utf8')} → ${res.statusCode} ${res.body}`);
      }
      t.same(wrong, [], `${route.url}: ${forged.length} forged cursors, each a 400 RD_PAGE_CURSOR`);
    }
  },
);
