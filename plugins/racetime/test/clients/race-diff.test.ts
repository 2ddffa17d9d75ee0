import t from 'tap';
import { botActions } from '../../src/clients/bot-actions.js';
import type { RaceSocket } from '../../src/clients/race-socket.js';
import { diffRace, durationToMillis, type RaceChange } from '../../src/services/race-diff.js';
import { openFollowedRoom, setup, waitFor } from './fixtures.js';

const QUIET = { pingAfterMs: 7 * 86_400_000 };

/** Every change the socket's race.data frames produce, as a compact line per change. */
function follow(socket: RaceSocket): string[] {
  const lines: string[] = [];
  const describe = (c: RaceChange): string => {
    if (c.kind === 'race_status_changed') return `race ${c.from}→${c.to}`;
    if (c.kind === 'entrant_joined') return `${c.entrant.name} joined (${c.status})`;
    if (c.kind === 'entrant_invited') return `${c.entrant.name} invited`;
    if (c.kind === 'entrant_left') return `${c.entrant.name} left (${c.lastStatus})`;
    const place = c.place === null ? '' : ` #${c.place} ${c.finishTime}`;
    return `${c.entrant.name} ${c.from}→${c.to}${place}`;
  };
  socket.on('race', (u) => lines.push(...diffRace(u.previous, u.race, u).map(describe)));
  return lines;
}

t.test('players join, ready, race, finish and forfeit (real emulator frames)', async (t) => {
  const fx = await setup(t);
  const { slug, socket } = await openFollowedRoom(
    t,
    fx,
    { invitational: false, startDelaySeconds: 10 },
    QUIET,
  );
  const lines = follow(socket);
  const players = ['Mario', 'Luigi', 'Toad'].map((name) => fx.emu.registerUser({ name }));
  const [mario, luigi, toad] = players as [(typeof players)[0], (typeof players)[0], (typeof players)[0]];
  for (const p of players) fx.emu.players.join(slug, p.id);
  for (const p of players) fx.emu.players.ready(slug, p.id);
  await waitFor(socket, 'race', (u) => u.race.status === 'pending');
  const started = waitFor(socket, 'race', (u) => u.race.status === 'in_progress');
  await fx.clock.advance('10s');
  await started;
  await fx.clock.advance('1h');
  fx.emu.players.finish(slug, mario.id);
  fx.emu.players.forfeit(slug, luigi.id);
  await fx.clock.advance('90s');
  const finished = waitFor(socket, 'race', (u) => u.race.status === 'finished');
  fx.emu.players.finish(slug, toad.id);
  await finished;
  t.same(lines, [
    'Mario joined (not_ready)',
    'Luigi joined (not_ready)',
    'Toad joined (not_ready)',
    'Mario not_ready→ready',
    'Luigi not_ready→ready',
    'Toad not_ready→ready',
    'race open→pending',
    'race pending→in_progress',
    // One frame: entrants in racetime's order (score, then name).
    'Luigi ready→in_progress',
    'Mario ready→in_progress',
    'Toad ready→in_progress',
    'Mario in_progress→done #1 P0DT01H00M00S',
    'Luigi in_progress→dnf',
    'Toad in_progress→done #2 P0DT01H01M30S',
    'race in_progress→finished',
  ]);
  t.equal(durationToMillis('P0DT01H01M30S'), 3_690_000);
});

t.test('invitations, join requests and leaving; baselines report no joins or leaves', async (t) => {
  const fx = await setup(t);
  const { slug, socket } = await openFollowedRoom(t, fx, {}, QUIET);
  const lines = follow(socket);
  const [mario, luigi] = [fx.emu.registerUser({ name: 'Mario' }), fx.emu.registerUser({ name: 'Luigi' })];
  socket.send(botActions.invite(mario.id));
  await waitFor(socket, 'race', (u) => u.race.entrants.length === 1);
  fx.emu.players.requestInvite(slug, luigi.id);
  await waitFor(socket, 'race', (u) => u.race.entrants.length === 2);
  socket.send(botActions.acceptRequest(luigi.id));
  await waitFor(socket, 'race', (u) => u.race.entrants.some((e) => e.status === 'not_ready'));
  const before = socket.race;
  fx.emu.players.declineInvite(slug, mario.id);
  const after = (await waitFor(socket, 'race', (u) => u.race.entrants.length === 1)).race;
  t.same(lines, [
    'Mario invited',
    'Luigi joined (requested)',
    'Luigi requested→not_ready',
    'Mario left (invited)',
  ]);

  t.same(diffRace(null, after), [], 'nothing to compare the first frame with');
  t.same(diffRace(before, after, { baseline: true }), [], 'a baseline does not report Mario leaving');
  const reopened = { ...after, status: 'cancelled' };
  t.match(diffRace(after, reopened, { baseline: true }), [
    { kind: 'race_status_changed', from: 'invitational', to: 'cancelled' },
  ]);
  const hidden = {
    ...after,
    entrants: after.entrants.map((e) => ({ ...e, user: e.user && { ...e.user, id: '' } })),
  };
  t.same(
    diffRace(after, hidden),
    [
      {
        kind: 'entrant_left',
        entrant: { id: luigi.id, name: 'Luigi', fullName: after.entrants[0]?.user?.fullName },
        lastStatus: 'not_ready',
      },
    ],
    'pseudonymous entrants are not tracked',
  );
});

t.test('durations', async (t) => {
  t.equal(durationToMillis('P0DT01H32M10.482913S'), 5_530_483);
  t.equal(durationToMillis('P1DT00H00M00S'), 86_400_000);
  t.equal(durationToMillis('PT1H23M45S'), 5_025_000);
  t.equal(durationToMillis('P0DT00H00M15S'), 15_000);
  t.equal(durationToMillis('nonsense'), null);
  t.equal(durationToMillis('P'), null);
});
