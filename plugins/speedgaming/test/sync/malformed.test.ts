import type { SgEpisode } from '@racedesk/testkit';
import { api } from '@racedesk/testkit';
import t from 'tap';
import { insertEpisodes, referenceEpisode } from '../fixtures/reference-episodes.js';
import { type MatchBody, matchesOf, sgTestApp } from '../helpers/sg-app.js';

const ahead = { when: '2026-07-21T18:00:00+00:00', whenCountdown: '2026-07-21T17:30:00+00:00' };

/** The reference episode with one runner's id sent as text, as a broken feed might. */
function brokenRunner(id: number): SgEpisode {
  const episode = { ...referenceEpisode(), ...ahead, id };
  const [mario, luigi] = episode.match1.players;
  episode.match1 = { ...episode.match1, players: [{ ...mario!, id: 'abc' as unknown as number }, luigi!] };
  return episode;
}

t.test('a malformed episode and one without players are listed beside the imported ones', async (t) => {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [
    { ...referenceEpisode(), ...ahead },
    brokenRunner(512400),
    {
      ...referenceEpisode(),
      ...ahead,
      id: 512401,
      match1: { id: 910100, title: '', note: 'Swiss 5', players: [] },
    },
  ]);
  const run = await x.sync();
  t.match(run, { status: 'partial', imported: 1, errors: 2 });
  t.match(
    [...run.rejections].sort((a, b) => (a.episodeId ?? 0) - (b.episodeId ?? 0)),
    [
      { episodeId: 512400, reason: /match1\.players\[0\]\.id must be integer \(got "abc"\)/ },
      { episodeId: 512401, reason: /no players/ },
    ],
  );
  t.equal((await matchesOf(x)).length, 1, 'the good episode is imported');

  const syncs = await api<{ items: { id: number; rejections: unknown[] }[] }>(
    x.app,
    x.root,
    'GET',
    `/api/v1/orgs/${x.org}/speedgaming/syncs`,
  );
  t.equal(syncs.items[0]!.rejections.length, 2, 'organizers see why, in the sync log');
});

t.test('an imported episode that turns malformed is kept as it was, not treated as deleted', async (t) => {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
  await x.sync();
  const [match] = await matchesOf(x);
  x.sg.store.deleteEpisode(512345);
  insertEpisodes(x.sg.store, [brokenRunner(512345)]);
  const run = await x.resync();
  t.match(run, { status: 'partial', cancelled: 0, updated: 0, errors: 1 });
  const after = await api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${match!.id}`);
  t.match(after, { state: 'scheduled', scheduledAt: match!.scheduledAt });
  t.equal(after.players.length, 2);
  t.equal(x.sg.requests.count('/api/episode'), 0, 'still on the schedule: no deletion check');
});

t.test('an episode whose pairing is drawn later is imported then', async (t) => {
  const x = await sgTestApp(t);
  const undrawn = x.sg.store.addEpisode({ when: '2026-07-21T18:00:00Z', players: [] });
  t.match(await x.sync(), { imported: 0, errors: 1 });
  x.sg.store.setPlayers(undrawn.id, [{ displayName: 'Zelda' }, { displayName: 'Link' }]);
  t.match(await x.resync(), { imported: 1, errors: 0 });
});
