import t from 'tap';
import { startSpeedGamingEmulator } from '../../../src/emulators/speedgaming/index.js';
import { fetchSg, q } from './fixtures/fetch-sg.js';

// Key sets from reference §3.2 (sglman's manifest of the live feed).
const EPISODE_KEYS = [
  'id',
  'title',
  'when',
  'whenCountdown',
  'length',
  'timezone',
  'approved',
  'externalRestream',
  'event',
  'match1',
  'match2',
  'channels',
  'commentators',
  'trackers',
  'broadcasters',
  'helpers',
];
const EVENT_KEYS = ['id', 'slug', 'name', 'shortName', 'game', 'active', 'srtv', 'srl', 'botChannel'];
const MATCH_KEYS = ['id', 'title', 'note', 'players'];
const PLAYER_KEYS = ['id', 'displayName', 'discordId', 'discordTag', 'publicStream', 'streamingFrom'];
const CREW_KEYS = [
  'id',
  'displayName',
  'discordId',
  'discordTag',
  'publicStream',
  'approved',
  'ready',
  'partner',
  'language',
];
const CHANNEL_KEYS = ['id', 'name', 'slug', 'initials', 'language'];
const SG_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/;

type Obj = Record<string, unknown>;
const keys = (value: unknown) => Object.keys(value as Obj).sort();
const sorted = (list: string[]) => [...list].sort();

/** Every null anywhere in a value, by path. */
function nullPaths(value: unknown, path = '$'): string[] {
  if (value === null) return [path];
  if (typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => nullPaths(v, `${path}.${k}`));
}

t.test('a schedule element has exactly the live key sets, types and quirks', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  sg.store.addEpisode({
    event: 'alttprleague',
    when: '2026-07-20T18:00:00Z',
    match1: { title: 'Round 1', note: 'Game 1', players: [{ displayName: 'Mario' }, { discordId: '' }] },
    match2: { note: 'Showcase Race 5 & 6', players: [{ displayName: 'Player Eight' }] },
    channels: [{ name: 'SpeedGaming' }],
    commentators: [{ displayName: 'CasterOne', approved: true, ready: true }, {}],
    trackers: [{}],
    broadcasters: [{}],
  });

  const res = await fetchSg(
    sg.url,
    `/api/schedule/?event=alttprleague&from=${q('2026-07-20T00:00:00+00:00')}&to=${q('2026-07-21T00:00:00+00:00')}`,
  );
  t.equal(res.status, 200);
  t.equal(res.contentType, 'text/html', 'JSON is labelled text/html like the live API');
  t.ok(Array.isArray(res.json), 'schedule is a JSON array');
  const [episode] = res.json as Obj[];
  t.ok(episode);
  const ep = episode as Obj;
  t.same(keys(ep), sorted(EPISODE_KEYS));
  t.same(keys(ep.event), sorted(EVENT_KEYS));
  t.same(keys(ep.match1), sorted(MATCH_KEYS));
  t.same(keys(ep.match2), sorted(MATCH_KEYS), 'doubleheader fills match2 with the match shape');
  for (const p of [...((ep.match1 as Obj).players as Obj[]), ...((ep.match2 as Obj).players as Obj[])]) {
    t.same(keys(p), sorted(PLAYER_KEYS));
    t.type(p.id, 'number');
    t.type(p.discordId, 'string', 'discordId is a string');
  }
  for (const role of ['commentators', 'trackers', 'broadcasters']) {
    const list = ep[role] as Obj[];
    t.ok(list.length > 0, `${role} populated`);
    for (const c of list) {
      t.same(keys(c), sorted(CREW_KEYS));
      t.type(c.approved, 'boolean');
      t.type(c.ready, 'boolean');
    }
  }
  t.same(ep.helpers, []);
  t.same(keys((ep.channels as Obj[])[0]), sorted(CHANNEL_KEYS));
  t.same(ep.channels, [
    {
      id: (ep.channels as Obj[])[0]!.id,
      name: 'SpeedGaming',
      slug: 'speedgaming',
      initials: 'SG',
      language: 'en',
    },
  ]);

  t.equal(ep.when, '2026-07-20T18:00:00+00:00');
  t.match(ep.whenCountdown, SG_TIME, 'no fractional seconds, numeric offset');
  t.equal(ep.title, '', 'unset title is an empty string');
  t.equal(ep.timezone, '');
  t.equal(ep.length, 90);
  t.equal(ep.approved, true);
  t.equal(ep.externalRestream, false);
  t.equal((ep.event as Obj).srl, '');
  t.equal((ep.event as Obj).botChannel, '');
  t.equal(((ep.match1 as Obj).players as Obj[])[1]!.discordId, '', 'unlinked discordId is ""');
  t.same(nullPaths(ep), [], 'no nulls when match2 is set');
});

t.test('a single-match episode has match2 null and nothing else null', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const added = sg.store.addEpisode({ when: '2026-07-20T18:00:00+00:00', players: [] });
  const res = await fetchSg(sg.url, `/api/episode?id=${added.id}`);
  const ep = res.json as Obj;
  t.same(keys(ep), sorted(EPISODE_KEYS), 'episode endpoint serves the schedule element shape');
  t.equal(ep.match2, null);
  t.same(nullPaths(ep), ['$.match2']);
  t.same((ep.match1 as Obj).players, [], 'a match with no players is published');
  t.same(ep, added, 'the store returns what the server serves');
});
