import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { league } from '../matches/helpers.js';

t.test('stream channels: admins add, rename and deactivate; everyone in the org reads', async (t) => {
  const { app } = await createTestApp({ rateLimits: false, t });
  const { org, root, mod, alice } = await league(app);
  const base = `/api/v1/orgs/${org}/stream-channels`;
  const add = (payload: object, headers = root.headers) =>
    app.inject({ method: 'POST', url: base, headers, payload });

  const main = await add({ name: 'Main', url: 'https://twitch.tv/league' });
  t.equal(main.statusCode, 201, main.body);
  t.match(main.json(), { name: 'Main', url: 'https://twitch.tv/league', active: true });
  const side = await add({ name: 'Side', url: 'https://twitch.tv/league2' });
  t.equal(
    (await add({ name: 'Main', url: 'https://twitch.tv/x' })).json().error.code,
    'RD_STREAM_CHANNEL_NAME_TAKEN',
  );
  const badUrl = await add({ name: 'Bad', url: 'javascript:alert(1)' });
  t.equal(badUrl.statusCode, 400);
  t.type(badUrl.json().error.message, 'string');
  t.equal((await add({ name: 'Mine', url: 'https://twitch.tv/mine' }, mod.headers)).statusCode, 403);

  const url = `${base}/${side.json().id}`;
  const patch = (payload: object, headers = root.headers) =>
    app.inject({ method: 'PATCH', url, headers, payload });
  t.equal((await patch({ name: 'Main' })).statusCode, 409, 'names stay unique');
  t.match((await patch({ name: 'B-side', active: false })).json(), { name: 'B-side', active: false });
  t.equal((await patch({ active: true }, alice.headers)).statusCode, 403);
  t.equal((await patch({})).statusCode, 400);

  const list = await app.inject({ method: 'GET', url: base, headers: alice.headers });
  t.same(
    list.json().items.map((c: { name: string }) => c.name),
    ['B-side', 'Main'],
  );
  const active = await app.inject({ method: 'GET', url: `${base}?active=true`, headers: alice.headers });
  t.same(
    active.json().items.map((c: { name: string }) => c.name),
    ['Main'],
  );
  t.equal((await app.inject({ method: 'GET', url, headers: alice.headers })).json().name, 'B-side');
  const missing = await app.inject({ method: 'GET', url: `${base}/999`, headers: alice.headers });
  t.equal(missing.statusCode, 404);
  t.equal(missing.json().error.code, 'RD_STREAM_CHANNEL_NOT_FOUND');

  const audit = await app.racedesk
    .db('audit_log')
    .where('action', 'like', 'stream_channel.%')
    .orderBy('id')
    .pluck('action');
  t.same(audit, ['stream_channel.created', 'stream_channel.created', 'stream_channel.updated']);
});
