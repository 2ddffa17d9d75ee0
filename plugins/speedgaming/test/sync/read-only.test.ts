import { api } from '@racedesk/testkit';
import t from 'tap';
import { insertEpisodes, referenceEpisode } from '../fixtures/reference-episodes.js';
import { matchesOf, sgTestApp } from '../helpers/sg-app.js';

const ahead = { when: '2026-07-21T18:00:00+00:00', whenCountdown: '2026-07-21T17:30:00+00:00' };

t.test('while import is on, time, players and crew of imported matches answer 409', async (t) => {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
  await x.sync();
  const [match] = await matchesOf(x);
  const url = `/api/v1/orgs/${x.org}/matches/${match!.id}`;
  const [mario, luigi] = match!.players.map((p) => p.userId);
  const send = (method: 'POST' | 'PATCH', path: string, payload: object) =>
    x.app.inject({ method, url: `${url}${path}`, headers: x.root.headers, payload });

  const refused = [
    await send('POST', '/reschedule', { scheduledAt: '2026-07-22T18:00:00Z' }),
    await send('PATCH', '', { players: [luigi, mario] }),
    await send('POST', '/crew', { role: 'commentator', userId: x.root.userId }),
  ];
  for (const res of refused) {
    t.equal(res.statusCode, 409);
    t.match(res.json(), {
      error: {
        code: 'RD_MATCH_AUTOMATED',
        message: /speedgaming.*imported from SpeedGaming while import is on/,
      },
    });
  }
  const after = await api<{ scheduledAt: string; players: { userId: number }[] }>(x.app, x.root, 'GET', url);
  t.equal(after.scheduledAt, '2026-07-21T17:30:00.000Z', 'the time did not move');

  // Results and the title stay the organizers'.
  t.equal((await send('PATCH', '', { round: 'Week 3' })).statusCode, 200);
  await api(x.app, x.root, 'POST', `${url}/state`, { state: 'started' }, 200);
  const results = await send('POST', '/results', {
    results: [
      { userId: mario, finishRank: 1, finishTime: 'PT1H30M', status: 'done' },
      { userId: luigi, status: 'dnf' },
    ],
  });
  t.equal(results.statusCode, 200, 'results are recorded by hand');

  // A match created by hand in the same tournament is not SpeedGaming's.
  const manual = await api<{ id: number }>(
    x.app,
    x.root,
    'POST',
    `/api/v1/orgs/${x.org}/matches`,
    { tournamentId: x.tournamentId, scheduledAt: '2026-07-25T18:00:00Z', players: [mario] },
    201,
  );
  const moved = await x.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${x.org}/matches/${manual.id}/reschedule`,
    headers: x.root.headers,
    payload: { scheduledAt: '2026-07-26T18:00:00Z' },
  });
  t.equal(moved.statusCode, 200);
});

t.test('turning the import off makes imported matches editable again', async (t) => {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
  await x.sync();
  const [match] = await matchesOf(x);
  await api(x.app, x.root, 'PUT', `${x.base}/settings`, { importEnabled: false });
  const res = await x.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${x.org}/matches/${match!.id}/reschedule`,
    headers: x.root.headers,
    payload: { scheduledAt: '2026-07-22T18:00:00Z' },
  });
  t.equal(res.statusCode, 200);
  t.equal(res.json().scheduledAt, '2026-07-22T18:00:00.000Z');

  await api(x.app, x.root, 'PUT', `${x.base}/settings`, { importEnabled: true });
  const again = await x.app.inject({
    method: 'POST',
    url: `/api/v1/orgs/${x.org}/matches/${match!.id}/reschedule`,
    headers: x.root.headers,
    payload: { scheduledAt: '2026-07-23T18:00:00Z' },
  });
  t.equal(again.statusCode, 409, 'owned again once the import is back on');
  // Turning the import on makes it due at once: the job runs it.
  await x.advance('1m');
  const syncs = await api<{ items: { trigger: string; updated: number }[] }>(
    x.app,
    x.root,
    'GET',
    `/api/v1/orgs/${x.org}/speedgaming/syncs`,
  );
  t.match(syncs.items[0], { trigger: 'job', updated: 1 }, 'the hand edit made while it was off is undone');
  const match2 = await api<{ scheduledAt: string }>(
    x.app,
    x.root,
    'GET',
    `/api/v1/orgs/${x.org}/matches/${match!.id}`,
  );
  t.equal(match2.scheduledAt, '2026-07-21T17:30:00.000Z', "SpeedGaming's time again");
  t.match(await x.resync(), { updated: 0, unchanged: 1 });
});
