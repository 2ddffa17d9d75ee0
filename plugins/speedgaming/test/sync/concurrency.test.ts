import t from 'tap';
import { eventsOf, matchesOf, sgTestApp } from '../helpers/sg-app.js';

const EPISODES = 20;

t.test('two instances importing the same episodes at once create each match once', async (t) => {
  const one = await sgTestApp(t);
  // Pushes the automatic run a day out, so only the two runs below import.
  t.match(await one.sync(), { imported: 0 });
  const two = await sgTestApp(t, { clock: one.clock, sg: one.sg, database: one.database, setup: false });
  // The same runners and channel everywhere, so people and channels are contended as well.
  const players = [
    { id: 7101, displayName: 'Alpha', discordId: '', discordTag: 'alpha' },
    { id: 7102, displayName: 'Beta', discordId: '555555555555555555', discordTag: 'beta' },
  ];
  for (let i = 0; i < EPISODES; i++) {
    one.sg.store.addEpisode({
      when: new Date(Date.parse('2026-07-21T00:00:00Z') + i * 3_600_000),
      match1: { title: `Race ${i}`, players },
      channels: [{ name: 'SpeedGaming' }],
      commentators: [{ id: 7201, displayName: 'Caster', discordId: '', approved: true }],
    });
  }

  // Instance one's schedule answer is held for a minute; instance two polls as soon as the minute
  // is up, so both import the same 20 episodes at the same time.
  await one.advance('1m');
  one.sg.faults.delay({ path: '/api/schedule', ms: 60_000 });
  const first = one.sync();
  await one.sg.requests.waitFor(2, '/api/schedule');
  await one.advance('1m');
  const [a, b] = await Promise.all([first, two.sync()]);

  t.equal(a.errors + b.errors, 0, 'no run failed');
  t.equal(a.imported + b.imported, EPISODES, 'every episode imported by exactly one run');
  t.equal(a.imported + a.unchanged, EPISODES);
  t.equal(b.imported + b.unchanged, EPISODES);
  const matches = await matchesOf(one);
  t.equal(matches.length, EPISODES, 'one match per episode');
  t.equal((await eventsOf(one, 'core.match.created')).length, EPISODES, 'one creation event each');
  t.equal(new Set(matches.flatMap((m) => m.players.map((p) => p.userId))).size, 2, 'one user per runner');
  const channels = await one.app.racedesk.db('stream_channels').where({ org_id: one.orgId });
  t.equal(channels.length, 1, 'one channel');
  const crew = await one.app.racedesk
    .db('match_crew')
    .whereIn(
      'match_id',
      matches.map((m) => m.id),
    )
    .whereNull('removed_at');
  t.equal(crew.length, EPISODES, 'one commentator seat per match');
});
