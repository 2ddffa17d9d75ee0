import t from 'tap';
import { type SgEpisode, startSpeedGamingEmulator } from '../../../src/emulators/speedgaming/index.js';
import { fetchSg, q } from './fixtures/fetch-sg.js';

const WINDOW = `event=alttprleague&from=${q('2026-07-20T00:00:00Z')}&to=${q('2026-07-27T00:00:00Z')}`;

t.test('changes made between polls show up in the next poll', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const poll = async () => (await fetchSg(sg.url, `/api/schedule/?${WINDOW}`)).json as SgEpisode[];
  const ep = sg.store.addEpisode({
    when: '2026-07-21T18:00:00Z',
    whenCountdown: '2026-07-21T17:30:00Z',
    players: [],
    match1: { note: 'Swiss Round 5' },
  });
  const [first] = await poll();
  t.same(first?.match1.players, []);
  t.equal(first?.match1.note, 'Swiss Round 5');

  // Reschedule keeps the 30-minute gap between airtime and race start.
  sg.store.reschedule(ep.id, new Date('2026-07-22T20:00:00.750Z'));
  // Pairing drawn.
  sg.store.updateMatch(ep.id, 'match1', { title: 'Mario vs Luigi' });
  const [mario, luigi] = sg.store.setPlayers(ep.id, [
    { displayName: 'Mario' },
    { displayName: 'Luigi', discordId: '' },
  ]).players;
  // Crew signs up, gets approved, confirms.
  const caster = sg.store.addCrew(ep.id, 'commentators', { displayName: 'CasterOne' });
  const tracker = sg.store.addCrew(ep.id, 'trackers', { displayName: 'TrackerOne', approved: true });
  sg.store.setCrewFlags(ep.id, 'commentators', caster.id, { approved: true, ready: true });
  sg.store.setChannels(ep.id, [{ name: 'SpeedGaming2', language: 'en' }]);
  sg.store.unapprove(ep.id);
  sg.store.updateEpisode(ep.id, { timezone: 'CEST', title: 'Week 1' });

  const [second] = await poll();
  t.equal(second?.id, ep.id, 'same id after changes');
  t.equal(second?.when, '2026-07-22T20:00:00+00:00', 'fractions dropped');
  t.equal(second?.whenCountdown, '2026-07-22T19:30:00+00:00');
  t.equal(second?.match1.title, 'Mario vs Luigi');
  t.same(
    second?.match1.players.map((p) => [p.displayName, p.discordId]),
    [
      ['Mario', mario?.discordId],
      ['Luigi', ''],
    ],
  );
  t.same(
    second?.commentators.map((c) => [c.displayName, c.approved, c.ready]),
    [['CasterOne', true, true]],
  );
  t.same(
    second?.trackers.map((c) => [c.id, c.approved, c.ready]),
    [[tracker.id, true, false]],
  );
  t.same(
    second?.channels.map((c) => [c.name, c.slug, c.initials]),
    [['SpeedGaming2', 'speedgaming2', 'SG2']],
  );
  t.equal(second?.approved, false);
  t.equal(second?.timezone, 'CEST');
  t.equal(second?.title, 'Week 1');

  t.ok(sg.store.removePlayer(ep.id, luigi!.id));
  t.ok(sg.store.removeCrew(ep.id, 'commentators', caster.id));
  t.notOk(sg.store.removeCrew(ep.id, 'commentators', caster.id), 'second removal reports nothing removed');
  sg.store.approve(ep.id);
  sg.store.reschedule(ep.id, '2026-07-23T12:00:00-04:00', '2026-07-23T12:00:00-04:00');
  const [third] = await poll();
  t.same(
    third?.match1.players.map((p) => p.displayName),
    ['Mario'],
  );
  t.same(third?.commentators, []);
  t.equal(third?.approved, true);
  t.equal(third?.when, '2026-07-23T12:00:00-04:00', 'a time in SG format is served verbatim (other offsets)');

  sg.store.deleteEpisode(ep.id);
  t.same(await poll(), [], 'deleted episodes vanish from the schedule');
});

t.test('doubleheaders, event edits and moving out of the window', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const ep = sg.store.addEpisode({ when: '2026-07-21T18:00:00Z' });
  const p9 = sg.store.addPlayer(ep.id, { displayName: 'Player Eight' }, 'match2');
  sg.store.updateMatch(ep.id, 'match2', { note: 'Showcase Race 5 & 6' });
  sg.store.updateEvent('alttprleague', { shortName: 'League' });
  let [got] = (await fetchSg(sg.url, `/api/schedule/?${WINDOW}`)).json as SgEpisode[];
  t.equal(got?.match2?.note, 'Showcase Race 5 & 6');
  t.same(
    got?.match2?.players.map((p) => p.id),
    [p9.id],
  );
  t.not(got?.match2?.id, got?.match1.id, 'each match has its own id');
  t.equal(got?.event.shortName, 'League', 'event edits reach every episode');

  sg.store.removeMatch2(ep.id);
  [got] = (await fetchSg(sg.url, `/api/schedule/?${WINDOW}`)).json as SgEpisode[];
  t.equal(got?.match2, null);

  sg.store.reschedule(ep.id, '2026-08-01T18:00:00Z');
  t.same((await fetchSg(sg.url, `/api/schedule/?${WINDOW}`)).json, [], 'rescheduled out of the window');
  t.equal(
    ((await fetchSg(sg.url, `/api/episode/?id=${ep.id}`)).json as SgEpisode).when,
    '2026-08-01T18:00:00+00:00',
  );
});

t.test('store guards: copies, unknown ids, explicit ids', async (t) => {
  const sg = await startSpeedGamingEmulator();
  t.teardown(() => sg.close());
  const ep = sg.store.addEpisode({ id: 512345, players: [{ id: 5001 }] });
  const copy = sg.store.getEpisode(ep.id)!;
  copy.title = 'mutated locally';
  t.equal(sg.store.getEpisode(ep.id)?.title, '', 'reads are copies');
  t.throws(() => sg.store.reschedule(1, new Date()), /no episode 1/);
  t.throws(() => sg.store.addEpisode({ id: 512345 }), /already exists/);
  t.throws(() => sg.store.addEpisode({ when: 'next tuesday' }), /Not a usable time/);
  const next = sg.store.addEpisode();
  t.ok(next.id > 512345, 'generated ids never collide with explicit ones');
  t.ok(next.match1.players.every((p) => p.id > 5001));
  t.equal(next.match1.players.length, 2, 'default episode has two runners');
});
