import { api } from '@racedesk/testkit';
import t from 'tap';
import { type MatchBody, matchesOf, sgTestApp } from '../helpers/sg-app.js';

t.test('a match 4 h past its time with no result is marked stale, not finished', async (t) => {
  const x = await sgTestApp(t);
  x.sg.store.addEpisode({ id: 520001, when: '2026-07-20T12:30:00Z' });
  await x.sync();
  const [match] = await matchesOf(x);

  await x.advance('270m'); // 16:30: exactly 4 h past
  t.match(await x.sync(), { stale: 0 }, 'not yet');
  await x.advance('1m');
  const run = await x.sync();
  t.match(run, { stale: 1, cancelled: 0, errors: 0 });
  const stale = await api<{ matchId: number; staleSince: string }[]>(x.app, x.root, 'GET', `${x.base}/stale`);
  t.match(stale, [{ matchId: match!.id, episodeId: 520001, staleSince: '2026-07-20T16:31:00.000Z' }]);
  const after = await api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${match!.id}`);
  t.equal(after.state, 'scheduled', 'left for organizers to resolve');

  await x.advance('1m');
  t.match(await x.sync(), { stale: 0 }, 'counted once');

  const [a, b] = after.players.map((p) => p.userId);
  const url = `/api/v1/orgs/${x.org}/matches/${match!.id}`;
  await api(x.app, x.root, 'POST', `${url}/state`, { state: 'started' }, 200);
  await api(
    x.app,
    x.root,
    'POST',
    `${url}/results`,
    {
      results: [
        { userId: a, finishRank: 1, status: 'done' },
        { userId: b, status: 'dnf' },
      ],
    },
    200,
  );
  t.same(await api(x.app, x.root, 'GET', `${x.base}/stale`), [], 'resolved once results are in');
});
