import { api } from '@racedesk/testkit';
import t from 'tap';
import { insertEpisodes, referenceEpisode } from '../fixtures/reference-episodes.js';
import { eventsAfter, lastEventId, type MatchBody, matchesOf, sgTestApp } from '../helpers/sg-app.js';

const EPISODE = 512345;
const ahead = { when: '2026-07-21T18:00:00+00:00', whenCountdown: '2026-07-21T17:30:00+00:00' };

interface Problem {
  matchId: number;
  episodeId: number;
  problem: string;
  since: string;
}

t.test(
  'every player removed on SpeedGaming: the match is kept and shows a sync problem until players return',
  async (t) => {
    const x = await sgTestApp(t);
    insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
    t.match(await x.sync(), { imported: 1 });
    const [match] = await matchesOf(x);
    const players = match!.players.map((p) => p.userId);
    const original = x.sg.store.getEpisode(EPISODE)!.match1!.players;
    t.same(await api(x.app, x.root, 'GET', `${x.base}/problems`), [], 'no problem while in sync');

    x.sg.store.setPlayers(EPISODE, []);
    const mark = await lastEventId(x);
    const first = await x.resync();
    t.match(first, { status: 'partial', errors: 1, cancelled: 0, updated: 0 });
    t.match(first.rejections, [{ episodeId: EPISODE, reason: /every player was removed on SpeedGaming/ }]);
    t.same(await eventsAfter(x, mark), [], 'the match is not changed');
    const kept = await api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${match!.id}`);
    t.match(kept, { state: 'scheduled' }, 'not cancelled');
    t.same(
      kept.players.map((p) => p.userId),
      players,
      'keeps its last players',
    );
    const problems = await api<Problem[]>(x.app, x.root, 'GET', `${x.base}/problems`);
    t.match(problems, [
      {
        matchId: match!.id,
        episodeId: EPISODE,
        problem: /every player was removed/,
        since: '2026-07-20T12:01:00.000Z',
      },
    ]);

    const second = await x.resync();
    t.match(second, { status: 'succeeded', errors: 0, skipped: 1 }, 'reported once, not on every run');
    t.same(second.rejections, []);
    t.equal((await api<Problem[]>(x.app, x.root, 'GET', `${x.base}/problems`)).length, 1, 'still visible');

    x.sg.store.setPlayers(
      EPISODE,
      original.map((p) => ({ ...p })),
    );
    const back = await x.resync();
    t.match(
      back,
      { status: 'succeeded', errors: 0, unchanged: 1 },
      'the same players again: nothing to write',
    );
    t.same(await api(x.app, x.root, 'GET', `${x.base}/problems`), [], 'the problem clears by itself');
  },
);

t.test('players replaced after a problem: the match is updated and the problem cleared', async (t) => {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
  await x.sync();
  const [match] = await matchesOf(x);
  x.sg.store.setPlayers(EPISODE, []);
  await x.resync();
  x.sg.store.setPlayers(EPISODE, [{ displayName: 'Newcomer', discordId: '' }]);
  const mark = await lastEventId(x);
  t.match(await x.resync(), { updated: 1, errors: 0 });
  t.ok((await eventsAfter(x, mark)).includes('core.match.players_changed'));
  const after = await api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${match!.id}`);
  t.match(after.players, [{ displayName: /newcomer/i }], 'the new line-up');
  t.same(await api(x.app, x.root, 'GET', `${x.base}/problems`), []);
});
