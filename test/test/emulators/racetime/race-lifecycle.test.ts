import t, { type Test } from 'tap';
import { RaceActionError } from '../../../src/emulators/racetime/index.js';
import { botToken, connectBot, openRaceAsBot, raceOf, setup, twoPlayers } from './fixtures.js';

t.test('auto start: ready chat, countdown ticks on the clock, then in_progress', async (t) => {
  const { emu, bot, clock } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token, { start_delay: '15' });
  const [mario, luigi] = twoPlayers(emu);
  const reader = await connectBot(emu, slug, token);
  emu.players.join(slug, mario.id);
  emu.players.join(slug, luigi.id);
  emu.players.ready(slug, mario.id);
  emu.players.ready(slug, luigi.id);
  const seen: string[] = [];
  for (;;) {
    const frame = await reader.next();
    seen.push(frame.type === 'chat.message' ? (frame.message as { message: string }).message : frame.type);
    if (frame.type === 'race.data' && raceOf(frame).status.value === 'pending') break;
  }
  t.same(seen.slice(-5), [
    'Luigi#0340 is ready! (0 remaining)',
    'race.data',
    'race.renders',
    'Everyone is ready. The race will begin in 15 seconds!',
    'race.data',
  ]);
  t.equal(emu.races.require(slug).started_at, '2030-01-07T12:00:15Z');

  await clock.advance('14s');
  const ticks = emu.races.chat(slug).filter((m) => m.message.endsWith('…'));
  t.same(
    ticks.map((m) => [m.message, m.highlight]),
    [
      ['10…', true],
      ['5…', true],
      ['4…', true],
      ['3…', true],
      ['2…', true],
      ['1…', true],
    ],
  );
  t.equal(emu.races.require(slug).status.value, 'pending');
  await clock.advance('1s');
  t.equal(emu.races.require(slug).status.value, 'in_progress');
  t.match(
    await reader.nextOf('chat.message').then(async function skip(f): Promise<unknown> {
      const m = f.message as { message: string };
      return m.message.startsWith('The race') ? m : skip(await reader.nextOf('chat.message'));
    }),
    { message: 'The race has begun! Good luck and have fun.', highlight: true },
  );
  t.same(raceOf(await reader.nextOf('race.data')).status.value, 'in_progress');
  t.same(
    emu.races.require(slug).entrants.map((e) => e.status.value),
    ['in_progress', 'in_progress'],
  );
});

async function runningRace(t: Test, timeLimitHours = '2') {
  const fixture = await setup(t);
  const { emu, bot, clock } = fixture;
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token, { start_delay: '10', time_limit: timeLimitHours });
  const [mario, luigi] = twoPlayers(emu);
  for (const user of [mario, luigi]) {
    emu.players.join(slug, user.id);
    emu.players.ready(slug, user.id);
  }
  await clock.advance('10s');
  return { ...fixture, slug, mario, luigi, token };
}

t.test('finishing: early done refused, places and finish times, race finished', async (t) => {
  const { emu, clock, slug, mario, luigi } = await runningRace(t);
  t.throws(() => emu.players.finish(slug, mario.id), RaceActionError, 'cannot finish in the first 5 s');
  await clock.advance('1h');
  t.equal(emu.races.require(slug).status.value, 'in_progress');
  emu.players.finish(slug, luigi.id);
  await clock.advance('2s');
  t.throws(() => emu.players.unforfeit(slug, mario.id), RaceActionError);
  emu.players.forfeit(slug, mario.id);
  const race = emu.races.require(slug);
  t.equal(race.status.value, 'finished');
  t.match(race.entrants, [
    {
      user: { name: 'Luigi' },
      status: { value: 'done' },
      place: 1,
      place_ordinal: '1st',
      finish_time: 'P0DT01H00M00S',
    },
    { user: { name: 'Mario' }, status: { value: 'dnf' }, place: null },
  ]);
  t.equal(race.ended_at, '2030-01-07T13:00:12Z');
  const lines = emu.races.chat(slug).map((m) => m.message);
  t.ok(lines.includes('Luigi#0340 has ##good##finished## in 1st place with a time of 1:00:00!'));
  t.equal(lines.at(-1), 'Race finished in 1:00:02.0');

  emu.players.undone(slug, luigi.id);
  t.equal(emu.races.require(slug).status.value, 'in_progress', 'undone within 10 minutes re-opens the race');
  t.equal(emu.races.require(slug).ended_at, null);
  t.ok(emu.races.chat(slug).some((m) => m.message === 'Race timer restarted.'));
});

t.test('all forfeit → cancelled; time limit expunges runners', async (t) => {
  const first = await runningRace(t);
  await first.clock.advance('5s');
  first.emu.players.forfeit(first.slug, first.mario.id);
  first.emu.players.forfeit(first.slug, first.luigi.id);
  t.match(first.emu.races.require(first.slug), { status: { value: 'cancelled' }, recordable: false });
  t.equal(
    first.emu.races.chat(first.slug).at(-1)?.message,
    'This race has been cancelled due to all entrants forfeiting.',
  );
});

t.test('time limit reached', async (t) => {
  const { emu, clock, slug, mario } = await runningRace(t, '1');
  await clock.advance('30m');
  emu.players.finish(slug, mario.id);
  await clock.advance('30m');
  const race = emu.races.require(slug);
  t.equal(race.status.value, 'finished');
  t.match(race.entrants, [{ status: { value: 'done' } }, { status: { value: 'dnf' } }]);
  const lines = emu.races.chat(slug).map((m) => m.message);
  t.ok(lines.includes('This race has reached its time limit. All remaining entrants will now be expunged.'));
});

t.test('open rooms: warning at 25 min and cancel at 30 min with fewer than 2 entrants', async (t) => {
  const { emu, bot, clock } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  await clock.advance('25m');
  t.equal(
    emu.races.chat(slug).at(-1)?.message,
    'Warning: this race will be automatically cancelled in 5 minutes unless at least two entrants join.',
  );
  await clock.advance('5m');
  t.equal(emu.races.require(slug).status.value, 'cancelled');
  t.equal(
    emu.races.chat(slug).at(-1)?.message,
    'This race has been cancelled. Reason: less than 2 entrants joined.',
  );
});

t.test('bot begin removes unready entrants and uses the bot wording', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token, { auto_start: 'false' });
  const [mario, luigi] = twoPlayers(emu);
  const toad = emu.registerUser({ name: 'Toad', discriminator: null });
  for (const user of [mario, luigi, toad]) emu.players.join(slug, user.id);
  emu.players.ready(slug, mario.id);
  emu.players.ready(slug, luigi.id);
  const reader = await connectBot(emu, slug, token);
  reader.send('begin');
  t.equal(
    ((await reader.nextOf('chat.message')).message as { message: string }).message,
    'Toad is removed from the race.',
  );
  t.match((await reader.nextOf('chat.message')).message, {
    message: 'RacedeskBot has initiated the race. The race will begin in 15 seconds!',
    highlight: true,
  });
  t.equal(emu.races.require(slug).entrants.length, 2);
});
