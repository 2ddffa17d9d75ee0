import t from 'tap';
import { mapEpisode } from '../../src/services/episode-mapping.js';
import type { EpisodeMappingOptions } from '../../src/services/episode-mapping-types.js';
import { insertEpisodes, referenceDoubleheader, referenceEpisode } from '../fixtures/reference-episodes.js';
import { startHarness } from '../fixtures/sg-harness.js';

const ALL_CREW: EpisodeMappingOptions = { crewRoles: ['commentator', 'tracker', 'restreamer'] };
const FROM = new Date('2026-07-20T00:00:00Z');
const TO = new Date('2026-07-27T00:00:00Z');

t.test('the reference episode, fetched over HTTP, becomes the import record', async (t) => {
  const { sg, client } = await startHarness(t);
  insertEpisodes(sg.store, [referenceEpisode()]);
  const { episodes } = await client.schedule('alttprleague', FROM, TO);
  const record = mapEpisode(episodes[0]!, ALL_CREW);

  t.equal(record.externalId, 512345);
  t.equal(record.eventSlug, 'alttprleague');
  t.equal(record.title, 'Round 1', 'empty episode title falls back to match1.title');
  t.equal(record.scheduledAt.toISOString(), '2026-07-20T18:00:00.000Z');
  t.equal(record.timeConfirmed, true);
  t.same(record.sgMatchIds, [910001]);
  t.same(record.players, [
    {
      sgId: 5001,
      discordId: '111111111111111111',
      discordTag: 'mario',
      displayName: 'itsamemario',
      sgDisplayName: 'Mario',
      match: 1,
      twitch: 'itsamemario',
    },
    {
      sgId: 5002,
      discordId: null,
      discordTag: 'luigi',
      displayName: 'luigi_tv',
      sgDisplayName: 'Luigi',
      match: 1,
      twitch: 'luigi_tv',
    },
  ]);
  t.same(
    record.crew.map((c) => [c.role, c.sgId, c.approved, c.discordId, c.displayName]),
    [
      ['commentator', 6001, true, null, 'casterone'],
      ['commentator', 6002, false, '222222222222222222', 'castertwo'],
      ['tracker', 6003, true, '333333333333333333', 'trackerone'],
      ['restreamer', 6004, true, null, 'restreamerone'],
    ],
    'unapproved crew are kept with approved: false; broadcasters become restreamers',
  );
  t.same(record.channels, [
    { name: 'SpeedGaming', slug: 'speedgaming', language: 'en', url: 'https://twitch.tv/speedgaming' },
  ]);
  t.same(record.notes, []);
});

t.test('doubleheader: match1 runners, then match2 runners', async (t) => {
  const { sg, client } = await startHarness(t);
  insertEpisodes(sg.store, [referenceDoubleheader()]);
  const record = mapEpisode(await client.episode(512346), ALL_CREW);
  t.same(
    record.players.map((p) => [p.sgId, p.match, p.displayName]),
    [
      [5001, 1, 'itsamemario'],
      [5002, 1, 'luigi_tv'],
      [5009, 2, 'PlayerEight'],
    ],
  );
  t.same(record.sgMatchIds, [910001, 910005]);
});

t.test('no match2, no pairing yet: title from the match note, and a note for organizers', async (t) => {
  const { sg, client } = await startHarness(t);
  const undrawn = sg.store.addEpisode({ players: [], match1: { note: 'Swiss Round 5' } });
  const record = mapEpisode(await client.episode(undrawn.id), ALL_CREW);
  t.equal(record.title, 'Swiss Round 5');
  t.same(record.players, []);
  t.same(record.notes, [{ kind: 'no_players' }]);

  const blank = sg.store.addEpisode({ players: [{}] });
  t.equal(mapEpisode(await client.episode(blank.id), ALL_CREW).title, null, 'nothing to go on');
  const titled = sg.store.addEpisode({ title: 'Finals', match1: { title: 'Round 9', players: [{}] } });
  t.equal(mapEpisode(await client.episode(titled.id), ALL_CREW).title, 'Finals', 'episode title first');
});

t.test('display name priority: streamingFrom, publicStream, displayName', async (t) => {
  const { sg, client } = await startHarness(t);
  const episode = sg.store.addEpisode({
    players: [
      { displayName: 'Alpha', streamingFrom: 'alpha_live', publicStream: 'alpha_pub' },
      { displayName: 'Bravo', streamingFrom: '', publicStream: 'bravo_pub' },
      { displayName: 'Charlie', streamingFrom: '', publicStream: '' },
      { displayName: '', streamingFrom: '', publicStream: '', discordTag: 'delta#0' },
    ],
  });
  const record = mapEpisode(await client.episode(episode.id), ALL_CREW);
  t.same(
    record.players.map((p) => p.displayName),
    ['alpha_live', 'bravo_pub', 'Charlie', 'delta'],
  );
});

t.test('Discord ids: missing or malformed become null; bad ones are reported', async (t) => {
  const { sg, client } = await startHarness(t);
  const episode = sg.store.addEpisode({
    players: [{ discordId: '' }, { discordId: 'mario#1234' }, { discordId: ' 123456789012345678 ' }],
    commentators: [{ discordId: '12', approved: true }],
  });
  const record = mapEpisode(await client.episode(episode.id), ALL_CREW);
  t.same(
    record.players.map((p) => p.discordId),
    [null, null, '123456789012345678'],
  );
  t.equal(record.crew[0]!.discordId, null);
  const [, second] = episode.match1.players;
  t.same(record.notes, [
    { kind: 'invalid_discord_id', sgId: second!.id, value: 'mario#1234' },
    { kind: 'invalid_discord_id', sgId: episode.commentators[0]!.id, value: '12' },
  ]);
});

t.test('bracket placeholders, ignored and duplicate runners are left out with a note', async (t) => {
  const { sg, client } = await startHarness(t);
  const episode = sg.store.addEpisode({
    players: [
      { displayName: 'Winner of Match 12' },
      { displayName: 'Real', publicStream: 'ignore' },
      { id: 777 },
    ],
    match2: { players: [{ id: 777 }, { displayName: 'Loser of Match 3' }] },
  });
  const record = mapEpisode(await client.episode(episode.id), ALL_CREW);
  t.same(
    record.players.map((p) => p.sgId),
    [777],
  );
  t.same(
    record.notes.map((n) => n.kind),
    ['bracket_placeholder', 'ignored_player', 'duplicate_player', 'bracket_placeholder'],
  );
});

t.test('crew filtered by the roles chosen in settings, optionally approved only', async (t) => {
  const { sg, client } = await startHarness(t);
  insertEpisodes(sg.store, [referenceEpisode()]);
  const episode = await client.episode(512345);
  const commentary = mapEpisode(episode, { crewRoles: ['commentator'] });
  t.same(
    commentary.crew.map((c) => c.sgId),
    [6001, 6002],
  );
  const approved = mapEpisode(episode, { crewRoles: ['commentator', 'tracker'], approvedCrewOnly: true });
  t.same(
    approved.crew.map((c) => c.sgId),
    [6001, 6003],
  );
  t.same(mapEpisode(episode, { crewRoles: [] }).crew, []);
});

t.test('race start vs airtime, the timezone flag, and no-restream channels', async (t) => {
  const { sg, client } = await startHarness(t);
  const episode = sg.store.addEpisode({
    when: '2026-07-21T18:00:00+00:00',
    whenCountdown: '2026-07-21T13:30:00-04:00',
    timezone: 'America/Chicago',
    channels: [{ name: 'No Restream', slug: 'norestream' }, { name: 'SpeedGaming2' }],
  });
  const record = mapEpisode(await client.episode(episode.id), ALL_CREW);
  t.equal(record.scheduledAt.toISOString(), '2026-07-21T17:30:00.000Z', 'scheduledAt is the race start');
  t.equal(record.airtime.toISOString(), '2026-07-21T18:00:00.000Z');
  t.equal(record.timeConfirmed, false);
  t.same(record.notes, [{ kind: 'unconfirmed_time', timezone: 'America/Chicago' }]);
  t.same(
    record.channels.map((c) => c.name),
    ['SpeedGaming2'],
  );
});
