import t, { type Test } from 'tap';
import { mapEpisode } from '../../src/services/episode-mapping.js';
import type { EpisodeImport } from '../../src/services/episode-mapping-types.js';
import { diffImport } from '../../src/services/import-diff.js';
import { insertEpisodes, referenceEpisode } from '../fixtures/reference-episodes.js';
import { type SgHarness, startHarness } from '../fixtures/sg-harness.js';

const ID = 512345;
const CREW = { crewRoles: ['commentator', 'tracker', 'restreamer'] } as const;

/** The reference episode in the emulator, and a way to import it as the sync would. */
async function setup(t: Test): Promise<SgHarness & { load: () => Promise<EpisodeImport> }> {
  const harness = await startHarness(t);
  insertEpisodes(harness.sg.store, [referenceEpisode()]);
  return { ...harness, load: async () => mapEpisode(await harness.client.episode(ID), CREW) };
}

t.test('nothing changed: no changes', async (t) => {
  const { load } = await setup(t);
  t.same(diffImport(await load(), await load()), []);
});

t.test('reschedule reports old and new race start and airtime', async (t) => {
  const { sg, load } = await setup(t);
  const before = await load();
  sg.store.reschedule(ID, '2026-07-21T20:00:00Z');
  t.same(diffImport(before, await load()), [
    {
      kind: 'rescheduled',
      from: new Date('2026-07-20T18:00:00Z'),
      to: new Date('2026-07-21T20:00:00Z'),
      airtimeFrom: new Date('2026-07-20T18:00:00Z'),
      airtimeTo: new Date('2026-07-21T20:00:00Z'),
    },
  ]);
});

t.test('title, episode approval and the timezone flag', async (t) => {
  const { sg, load } = await setup(t);
  const before = await load();
  sg.store.updateEpisode(ID, { title: 'Week 1 Feature', approved: false, timezone: 'EST' });
  t.same(diffImport(before, await load()), [
    { kind: 'retitled', from: 'Round 1', to: 'Week 1 Feature' },
    { kind: 'approval_changed', approved: false },
    { kind: 'time_confirmation_changed', confirmed: false },
  ]);
});

t.test('players added and removed', async (t) => {
  const { sg, load } = await setup(t);
  const before = await load();
  sg.store.removePlayer(ID, 5002);
  const added = sg.store.addPlayer(ID, { displayName: 'Wario', streamingFrom: 'wario' }, 'match2');
  const changes = diffImport(before, await load());
  t.match(changes, [
    { kind: 'player_removed', player: { sgId: 5002 } },
    { kind: 'player_added', player: { sgId: added.id, match: 2, displayName: 'wario' }, position: 1 },
  ]);
  t.equal(changes.length, 2, 'a departure alone is not a reorder');
});

t.test('players reordered', async (t) => {
  const { sg, load } = await setup(t);
  const before = await load();
  const [mario, luigi] = sg.store.getEpisode(ID)!.match1.players;
  sg.store.setPlayers(ID, [luigi!, mario!]);
  t.same(diffImport(before, await load()), [
    { kind: 'players_reordered', from: [5001, 5002], to: [5002, 5001] },
  ]);
});

t.test('a Discord id appears on a placeholder runner', async (t) => {
  const { sg, load } = await setup(t);
  const before = await load();
  const players = sg.store.getEpisode(ID)!.match1.players;
  sg.store.setPlayers(ID, [players[0]!, { ...players[1]!, discordId: '444444444444444444' }]);
  t.match(diffImport(before, await load()), [
    {
      kind: 'player_changed',
      player: { sgId: 5002 },
      changes: [{ field: 'discordId', from: null, to: '444444444444444444' }],
    },
  ]);
});

t.test('crew added, removed and approval flips', async (t) => {
  const { sg, load } = await setup(t);
  const before = await load();
  sg.store.setCrewFlags(ID, 'commentators', 6002, { approved: true, ready: true });
  sg.store.setCrewFlags(ID, 'trackers', 6003, { approved: false });
  sg.store.removeCrew(ID, 'broadcasters', 6004);
  const joined = sg.store.addCrew(ID, 'trackers', { displayName: 'TrackerTwo' });
  t.match(diffImport(before, await load()), [
    { kind: 'crew_removed', member: { role: 'restreamer', sgId: 6004 } },
    { kind: 'crew_approval_changed', member: { role: 'commentator', sgId: 6002 }, approved: true },
    { kind: 'crew_approval_changed', member: { role: 'tracker', sgId: 6003 }, approved: false },
    { kind: 'crew_added', member: { role: 'tracker', sgId: joined.id, approved: false } },
  ]);
});

t.test('a ready flip alone is not a change', async (t) => {
  const { sg, load } = await setup(t);
  const before = await load();
  sg.store.setCrewFlags(ID, 'trackers', 6003, { ready: true });
  t.same(diffImport(before, await load()), []);
});

t.test('restream channels', async (t) => {
  const { sg, load } = await setup(t);
  const before = await load();
  sg.store.setChannels(ID, [{ name: 'SpeedGaming2' }, { name: 'SpeedGamingFR', language: 'fr' }]);
  const afterChange = await load();
  t.match(diffImport(before, afterChange), [
    { kind: 'channels_changed', added: ['SpeedGaming2', 'SpeedGamingFR'], removed: ['SpeedGaming'] },
  ]);
  sg.store.setChannels(ID, []);
  t.match(diffImport(afterChange, await load()), [
    { kind: 'channels_changed', to: [], added: [], removed: ['SpeedGaming2', 'SpeedGamingFR'] },
  ]);
});

t.test('refuses to compare two different episodes', async (t) => {
  const { load } = await setup(t);
  const record = await load();
  t.throws(() => diffImport(record, { ...record, externalId: 1 }), RangeError);
});
