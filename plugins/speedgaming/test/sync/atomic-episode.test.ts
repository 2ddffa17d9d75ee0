import { api } from '@racedesk/testkit';
import t from 'tap';
import { insertEpisodes, referenceEpisode } from '../fixtures/reference-episodes.js';
import { crewOf, eventsAfter, lastEventId, type MatchBody, matchesOf, sgTestApp } from '../helpers/sg-app.js';

const EPISODE = 512345;
const ahead = { when: '2026-07-21T18:00:00+00:00', whenCountdown: '2026-07-21T17:30:00+00:00' };

t.test('time, players and crew of an episode are written together or not at all', async (t) => {
  const x = await sgTestApp(t);
  insertEpisodes(x.sg.store, [{ ...referenceEpisode(), ...ahead }]);
  await x.sync();
  const [match] = await matchesOf(x);
  const crewBefore = (await crewOf(x, match!.id)).map((c) => `${c.role}:${c.displayName}`).sort();

  // A fault injected in the database: the crew part of the next import fails half-way.
  const { db } = x.app.racedesk;
  await db.raw(`create function refuse_crew() returns trigger language plpgsql as
    $$ begin raise exception 'crew insert refused by the test'; end $$`);
  await db.raw(
    'create trigger refuse_crew before insert on match_crew for each row execute function refuse_crew()',
  );
  x.sg.store.reschedule(EPISODE, '2026-07-22T20:00:00+00:00');
  x.sg.store.addCrew(EPISODE, 'commentators', { displayName: 'LateCaster', approved: true });
  const mark = await lastEventId(x);
  const run = await x.resync();
  t.match(run, { status: 'partial', updated: 0, errors: 1 });
  t.match(run.rejections, [{ episodeId: EPISODE, reason: /crew insert refused/ }], 'listed with the reason');
  t.same(await eventsAfter(x, mark), [], 'no event: nothing was committed');
  const kept = await api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${match!.id}`);
  t.equal(kept.scheduledAt, '2026-07-21T17:30:00.000Z', 'the new time was rolled back with the crew');
  t.same((await crewOf(x, match!.id)).map((c) => `${c.role}:${c.displayName}`).sort(), crewBefore);

  await db.raw('drop trigger refuse_crew on match_crew');
  const retry = await x.resync();
  t.match(retry, { status: 'succeeded', updated: 1, errors: 0 }, 'the next run writes the whole episode');
  const after = await api<MatchBody>(x.app, x.root, 'GET', `/api/v1/orgs/${x.org}/matches/${match!.id}`);
  t.equal(after.scheduledAt, '2026-07-22T19:30:00.000Z');
  t.ok((await crewOf(x, match!.id)).some((c) => /latecaster/i.test(c.displayName)));
});
