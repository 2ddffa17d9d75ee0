import { api, signIn } from '@racedesk/testkit';
import t from 'tap';
import { insertEpisodes, referenceDoubleheader, referenceEpisode } from '../fixtures/reference-episodes.js';
import { EVENT, eventsOf, matchesOf, sgTestApp } from '../helpers/sg-app.js';

const future = (e: ReturnType<typeof referenceEpisode>) => ({
  ...e,
  when: '2026-07-21T18:00:00+00:00',
  whenCountdown: '2026-07-21T17:30:00+00:00',
});

t.test('first import creates one match per episode with players, crew and channel', async (t) => {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [future(referenceEpisode()), future(referenceDoubleheader())]);
  const run = await x.sync();
  t.match(run, { status: 'succeeded', imported: 2, updated: 0, cancelled: 0, errors: 0 });

  const matches = await matchesOf(x);
  t.equal(matches.length, 2);
  const single = matches.find((m) => m.players.length === 2)!;
  t.equal(single.title, 'Round 1', 'the first match title when the episode has none');
  t.equal(single.scheduledAt, '2026-07-21T17:30:00.000Z', 'race start is whenCountdown');
  t.same(
    single.players.map((p) => p.displayName),
    ['itsamemario', 'luigi_tv'],
    'players in order, named by streamingFrom',
  );
  const double = matches.find((m) => m.players.length === 3)!;
  t.same(
    double.players.map((p) => p.displayName),
    ['itsamemario', 'luigi_tv', 'PlayerEight'],
    'match1 then match2',
  );

  const channels = (
    await api<{ items: { id: number; name: string; url: string }[] }>(
      x.app,
      x.root,
      'GET',
      `/api/v1/orgs/${x.org}/stream-channels`,
    )
  ).items;
  t.match(
    channels,
    [{ name: 'SpeedGaming', url: 'https://twitch.tv/speedgaming' }],
    'the channel was created by name',
  );
  t.equal(single.streamChannelId, channels[0]!.id);

  const crew = await x.app.racedesk
    .db('match_crew')
    .where({ match_id: single.id })
    .whereNull('removed_at')
    .orderBy('role');
  t.same(
    crew.map((c) => [c.role, c.approved]),
    [
      ['commentator', true],
      ['restreamer', true],
      ['tracker', true],
    ],
    'only approved crew, with their roles (CasterTwo is not approved)',
  );

  const members = await x.app.racedesk.db('org_members').where({ org_id: x.orgId, role: 'member' });
  t.ok(members.length >= 6, 'imported people are members of the org');
  const mario = await x.app.racedesk.db('users').where({ discord_id: '111111111111111111' }).first();
  t.equal(mario.is_placeholder, true, 'unknown Discord users become placeholders holding their Discord id');

  t.equal((await eventsOf(x, 'core.match.created')).length, 2);
  t.equal((await eventsOf(x, 'speedgaming.episode.imported')).length, 2);

  const syncs = await api<{ items: { id: number; imported: number }[] }>(
    x.app,
    x.root,
    'GET',
    `/api/v1/orgs/${x.org}/speedgaming/syncs`,
  );
  t.match(syncs.items, [{ id: run.id, imported: 2 }]);
  const audit = await x.app.racedesk.db('audit_log').where({ action: 'speedgaming.sync' });
  t.equal(audit.length, 1, 'every sync is audited');
  t.equal(EVENT, 'alttprleague');
});

t.test('a player with a known Discord id becomes that user', async (t) => {
  const x = await sgTestApp(t);
  const mario = await signIn(x.app, { discordId: '111111111111111111', username: 'mario' });
  insertEpisodes(x.sg.store, [future(referenceEpisode())]);
  await x.sync();
  const [match] = await matchesOf(x);
  t.equal(match!.players[0]!.userId, mario.userId);
});
