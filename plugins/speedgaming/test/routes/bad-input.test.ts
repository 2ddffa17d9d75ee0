import { signIn } from '@racedesk/testkit';
import t from 'tap';
import { sgTestApp } from '../helpers/sg-app.js';

t.test('bad input answers a clear 4xx in the one error shape', async (t) => {
  const x = await sgTestApp(t);
  const call = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    x.app.inject({ method, url, headers: x.root.headers, ...(payload ? { payload } : {}) });
  const orgBase = `/api/v1/orgs/${x.org}/speedgaming`;
  const cases: [string, Promise<{ statusCode: number; json(): unknown }>, number, RegExp][] = [
    [
      'a duration that is not ISO 8601',
      call('PUT', `${x.base}/settings`, { interval: 'five minutes' }),
      400,
      /interval/,
    ],
    [
      'an interval under a minute',
      call('PUT', `${x.base}/settings`, { interval: 'PT30S' }),
      422,
      /interval must be between PT1M/,
    ],
    [
      'a window that never ends',
      call('PUT', `${x.base}/settings`, { windowAfter: 'P365D' }),
      422,
      /windowAfter/,
    ],
    [
      'an unknown setting',
      call('PUT', `${x.base}/settings`, { importEnabeld: true }),
      400,
      /importEnabeld|additional/i,
    ],
    [
      'an event slug with a space',
      call('PUT', `${x.base}/settings`, { eventSlugs: ['alttpr league'] }),
      400,
      /eventSlugs/,
    ],
    ['an unknown crew role', call('PUT', `${x.base}/settings`, { crewRoles: ['helper'] }), 400, /crewRoles/],
    ['import on without an event', call('PUT', `${x.base}/settings`, { eventSlugs: [] }), 409, /event slug/],
    ['a tournament id that is not a number', call('GET', `${orgBase}/tournaments/abc/settings`), 400, /id/],
    ['another tournament', call('POST', `${orgBase}/tournaments/999/sync`), 404, /tournament/i],
    ['a page of zero', call('GET', `${orgBase}/syncs?limit=0`), 400, /limit/],
    ['a broken cursor', call('GET', `${orgBase}/syncs?cursor=%%%`), 400, /cursor/i],
  ];
  for (const [name, pending, status, message] of cases) {
    const res = await pending;
    t.equal(res.statusCode, status, name);
    t.match(res.json(), { error: { code: /^RD_/, message } }, `${name}: says what is wrong`);
  }

  const off = await call('PUT', `${x.base}/settings`, { importEnabled: false });
  t.equal(off.statusCode, 200);
  const sync = await call('POST', `${x.base}/sync`);
  t.equal(sync.statusCode, 409);
  t.match(sync.json(), { error: { code: 'RD_SPEEDGAMING_IMPORT_OFF' } });
});

t.test('members cannot change settings or sync; the plugin answers 404 where it is off', async (t) => {
  const x = await sgTestApp(t);
  const member = await signIn(x.app);
  const add = await x.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${x.org}/members`,
    headers: x.root.headers,
    payload: { discordId: member.discordId, role: 'member' },
  });
  t.equal(add.statusCode, 201);
  const put = await x.app.inject({
    method: 'PUT',
    url: `${x.base}/settings`,
    headers: member.headers,
    payload: { interval: 'PT10M' },
  });
  t.equal(put.statusCode, 403);
  const sync = await x.app.inject({ method: 'POST', url: `${x.base}/sync`, headers: member.headers });
  t.equal(sync.statusCode, 403);
  t.match(sync.json(), { error: { code: /^RD_/ } });

  await x.app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${x.org}/plugins/speedgaming`,
    headers: x.root.headers,
    payload: { enabled: false, settings: {} },
  });
  const gone = await x.app.inject({ method: 'GET', url: `${x.base}/settings`, headers: x.root.headers });
  t.equal(gone.statusCode, 404);
});

t.test('every route is in the OpenAPI document', async (t) => {
  const x = await sgTestApp(t);
  const doc = (await x.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  const base = '/api/v1/orgs/{org}/speedgaming';
  t.ok(doc.paths[`${base}/tournaments/{id}/settings`]?.get);
  t.ok(doc.paths[`${base}/tournaments/{id}/settings`]?.put);
  t.ok(doc.paths[`${base}/tournaments/{id}/sync`]?.post);
  t.ok(doc.paths[`${base}/tournaments/{id}/stale`]?.get);
  t.ok(doc.paths[`${base}/tournaments/{id}/problems`]?.get);
  t.ok(doc.paths[`${base}/syncs`]?.get);
});
