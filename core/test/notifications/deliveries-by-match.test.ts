import {
  defineEvent,
  defineNotification,
  definePlugin,
  delivered,
  type PluginContext,
  systemActor,
} from '@racedesk/core';
import { createTestApp } from '@racedesk/testkit';
import t from 'tap';
import { Type } from 'typebox';
import { league } from '../matches/helpers.js';

// A plugin event about a match carries `matchId` (as racetime's room events do), not `match.id`.
const RoomOpened = defineEvent('testdm.room.opened', Type.Object({ matchId: Type.Integer() }));

let ctx: PluginContext | undefined;
const plugin = definePlugin({
  id: 'testdm',
  version: '1.0.0',
  core: '^0.1.0',
  events: [RoomOpened],
  init: (c) => {
    ctx = c;
    c.domain.notifications.registerChannel({ id: 'test-dm', deliver: async () => delivered() });
    c.domain.notifications.registerType(
      defineNotification({
        event: RoomOpened,
        description: 'room opened',
        recipients: (e, lookup) => lookup.matchPlayers(e.payload.matchId),
      }),
    );
  },
});

t.test('the delivery log filtered by match: core match events and plugin events about it', async (t) => {
  const { app, settle } = await createTestApp({ plugins: [plugin], rateLimits: false, t });
  const { org, root, mod, alice, bob, tournamentId } = await league(app);
  await app.inject({
    method: 'PUT',
    url: `/api/v1/orgs/${org}/plugins/testdm`,
    headers: root.headers,
    payload: { enabled: true },
  });
  const create = async (players: number[]) => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/orgs/${org}/matches`,
      headers: mod.headers,
      payload: { tournamentId, scheduledAt: '2030-01-09T18:00:00Z', players },
    });
    t.equal(res.statusCode, 201, res.body);
    return res.json().id as number;
  };
  const first = await create([alice.userId, bob.userId]);
  const second = await create([alice.userId]);
  const orgId = (await app.racedesk.db('organizations').where({ slug: org }).first('id')).id;
  await ctx!.events.emit(RoomOpened, { matchId: first }, { actor: systemActor('test'), orgId });
  await settle();

  const log = async (qs: string) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/orgs/${org}/notifications/deliveries?${qs}`,
      headers: mod.headers,
    });
    t.equal(res.statusCode, 200, res.body);
    return (res.json().items as { eventType: string; userId: number }[]).map((d) => [d.eventType, d.userId]);
  };
  t.same(
    (await log(`matchId=${first}`)).sort(),
    [
      ['core.match.created', alice.userId],
      ['core.match.created', bob.userId],
      ['testdm.room.opened', alice.userId],
      ['testdm.room.opened', bob.userId],
    ].sort(),
    'the first match: its creation and the room event about it',
  );
  t.same(await log(`matchId=${second}`), [['core.match.created', alice.userId]], 'the second match only');
  t.same(await log('matchId=999999'), [], 'no deliveries for an unknown match');
  t.equal((await log('')).length, 5, 'unfiltered: all of them');
  const paged = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${org}/notifications/deliveries?matchId=${first}&limit=3`,
    headers: mod.headers,
  });
  const rest = await log(`matchId=${first}&limit=3&cursor=${paged.json().nextCursor}`);
  t.equal(rest.length, 1, 'the filter holds on the next page');
  const bad = await app.inject({
    method: 'GET',
    url: `/api/v1/orgs/${org}/notifications/deliveries?matchId=abc`,
    headers: mod.headers,
  });
  t.equal(bad.statusCode, 400, 'matchId must be a number');
});
