import t from 'tap';
import { botActions } from '../../src/clients/bot-actions.js';
import type { RacetimeChatMessage } from '../../src/clients/chat-message.js';
import type { RacetimeRace } from '../../src/clients/race-data.js';
import { RaceSocket, type RaceSocketStatus } from '../../src/clients/race-socket.js';
import { diffRace } from '../../src/services/race-diff.js';
import { eventually, openFollowedRoom, setup, waitFor } from './fixtures.js';

const PERMISSION_DENIED = 'Permission denied. Check your authorization token.';
const QUIET = { pingAfterMs: 7 * 86_400_000 };
const statusOf = (race: RacetimeRace, userId: string) =>
  race.entrants.find((e) => e.user?.id === userId)?.status;

t.test('actions round trip: invite, accept a request, chat (once per guid), refused actions', async (t) => {
  const fx = await setup(t);
  const { slug, socket } = await openFollowedRoom(t, fx, {}, QUIET);
  t.equal(socket.status, 'open');
  const mario = fx.emu.registerUser({ name: 'Mario' });
  const luigi = fx.emu.registerUser({ name: 'Luigi' });

  const invited = waitFor(socket, 'race', (u) => statusOf(u.race, mario.id) === 'invited');
  socket.send(botActions.invite(mario.id));
  t.notOk((await invited).baseline);
  t.match(await fx.emu.log.waitForAction((a) => a.action === 'invite'), {
    endpoint: 'bot',
    data: { user: mario.id },
    errors: null,
  });

  const requested = waitFor(socket, 'race', (u) => statusOf(u.race, luigi.id) === 'requested');
  fx.emu.players.requestInvite(slug, luigi.id);
  await requested;
  const accepted = waitFor(socket, 'race', (u) => statusOf(u.race, luigi.id) === 'not_ready');
  socket.send(botActions.acceptRequest(luigi.id));
  await accepted;

  const chat: RacetimeChatMessage[] = [];
  socket.on('chat', (m) => chat.push(m));
  const second = waitFor(socket, 'chat', (m) => m.message === 'Good luck!');
  socket.send(botActions.message('Welcome!', { guid: 'welcome-1', actions: { Seed: { message: '!seed' } } }));
  socket.send(botActions.message('Welcome!', { guid: 'welcome-1' }));
  socket.send(botActions.message('Good luck!', { pinned: true }));
  await second;
  t.same(
    fx.emu.log.botMessages(slug).map((m) => [m.message, m.is_pinned, Object.keys(m.actions)]),
    [
      ['Welcome!', false, ['Seed']],
      ['Good luck!', true, []],
    ],
  );
  t.match(
    chat.filter((m) => m.isBot),
    [
      { bot: 'RacedeskBot', message: 'Welcome!' },
      { message: 'Good luck!', isPinned: true },
    ],
  );

  const refused = waitFor(socket, 'action-error');
  socket.send(botActions.begin());
  t.same(await refused, ['Race cannot be started yet.']);
  t.equal(socket.status, 'open');
});

t.test('a socket dropped mid-race reconnects, resends queued actions and misses nothing', async (t) => {
  const fx = await setup(t);
  const { slug, socket } = await openFollowedRoom(t, fx, { invitational: false }, QUIET);
  const [mario, luigi] = [fx.emu.registerUser({ name: 'Mario' }), fx.emu.registerUser({ name: 'Luigi' })];
  const started = waitFor(socket, 'race', (u) => u.race.status === 'in_progress');
  for (const player of [mario, luigi]) fx.emu.players.join(slug, player.id);
  for (const player of [mario, luigi]) fx.emu.players.ready(slug, player.id);
  await waitFor(socket, 'race', (u) => u.race.status === 'pending');
  await fx.clock.advance('15s');
  await started;
  await fx.clock.advance('10m');

  const chat: string[] = [];
  socket.on('chat', (m) => chat.push(m.message));
  const statuses: RaceSocketStatus[] = [];
  socket.on('status', (s) => statuses.push(s));
  const reconnecting = waitFor(socket, 'status', (s) => s === 'reconnecting');
  fx.emu.faults.dropSockets(slug);
  await reconnecting;
  // While the bot is away: a finish, a chat line, and an action queued by the bot.
  fx.emu.players.finish(slug, mario.id);
  fx.emu.players.say(slug, luigi.id, 'gg mario');
  socket.send(botActions.message('Queued while offline', { guid: 'queued-1' }));

  const baseline = waitFor(socket, 'race', (u) => u.baseline);
  const missed = waitFor(socket, 'chat', (m) => m.message === 'Queued while offline');
  await fx.clock.advance('1s');
  const update = await baseline;
  await missed;
  t.same(statuses, ['reconnecting', 'connecting', 'open']);
  t.equal(statusOf(update.race, mario.id), 'done');
  t.match(diffRace(update.previous, update.race, { baseline: true }), [
    { kind: 'entrant_status_changed', entrant: { id: mario.id }, from: 'in_progress', to: 'done', place: 1 },
  ]);
  t.equal(chat.filter((m) => m === 'gg mario').length, 1, 'missed chat fetched once with gethistory');
  t.equal(fx.emu.races.socketCount(slug), 1);

  const finished = waitFor(socket, 'race', (u) => u.race.status === 'finished');
  fx.emu.players.forfeit(slug, luigi.id);
  const last = await finished;
  t.notOk(last.baseline);
  t.equal(statusOf(last.race, luigi.id), 'dnf');
});

t.test('delayed and repeated race.data frames are applied once, in version order', async (t) => {
  const fx = await setup(t);
  const { slug, socket } = await openFollowedRoom(t, fx, { invitational: false }, QUIET);
  const mario = fx.emu.registerUser({ name: 'Mario' });
  const versions: number[] = [];
  socket.on('race', (u) => versions.push(u.race.version));
  let raceFrames = 0;
  socket.on('frame', (f) => {
    if (f.type === 'race.data') raceFrames++;
  });
  fx.emu.faults.delayFrames(2_000, slug);
  fx.emu.players.join(slug, mario.id);
  socket.send(botActions.getRace());
  await fx.emu.log.waitForAction((a) => a.action === 'getrace');
  const both = waitFor(socket, 'frame', () => raceFrames === 2);
  await fx.clock.advance('1s');
  t.same(versions, [], 'nothing before the delay ends');
  await fx.clock.advance('1s');
  await both;
  t.same(versions, [2], 'the getrace repeat of version 2 is dropped');
});

t.test('race.renders frames, which bots ignore, are skipped unread', async (t) => {
  const fx = await setup(t);
  const { slug, socket } = await openFollowedRoom(t, fx, { invitational: false }, QUIET);
  const types: unknown[] = [];
  const errors: Error[] = [];
  socket.on('frame', (f) => types.push(f.type));
  socket.on('protocol-error', (e) => errors.push(e));
  const mario = fx.emu.registerUser({ name: 'Mario' });
  const joined = waitFor(socket, 'race', (u) => statusOf(u.race, mario.id) === 'not_ready');
  fx.emu.players.join(slug, mario.id);
  await joined;
  // getrace answers race.data then race.renders again: once its race.data is read, the join's renders were too.
  socket.send(botActions.getRace());
  await waitFor(socket, 'frame', () => types.filter((type) => type === 'race.data').length === 2);
  t.notOk(types.includes('race.renders'), 'no race.renders frame is handed on');
  t.same(errors, []);
  t.equal(socket.race?.version, 2, 'the race itself is read');
});

t.test('a renewed token moves the socket; an expired one is replaced on the permission error', async (t) => {
  const fx = await setup(t);
  const { slug, socket } = await openFollowedRoom(t, fx, {}, QUIET);
  const first = await fx.tokens.token();
  const moved = waitFor(socket, 'race', (u) => u.baseline);
  await fx.clock.advance('35400s');
  await moved;
  const second = await fx.tokens.token();
  t.not(second, first);
  const upgrades = () => fx.emu.log.requests.filter((r) => r.path === `/ws/o/bot/${slug}`);
  t.same(
    upgrades().map((r) => r.headers.authorization),
    [`Bearer ${first}`, `Bearer ${second}`],
  );
  await eventually(() => fx.emu.races.socketCount(slug) === 1, 'the old socket is closed');

  fx.emu.faults.expireTokens({ clientId: fx.bot.clientId });
  const denied = waitFor(socket, 'action-error');
  const movedAgain = waitFor(socket, 'race', (u) => u.baseline);
  socket.send(botActions.setMeta({ round: 1 }));
  t.same(await denied, [PERMISSION_DENIED]);
  await movedAgain;
  const third = await fx.tokens.token();
  t.equal(upgrades().at(-1)?.headers.authorization, `Bearer ${third}`);
  socket.send(botActions.setMeta({ round: 2 }));
  const accepted = await fx.emu.log.waitForAction((a) => a.action === 'setmeta' && a.errors === null);
  t.equal(accepted.token, third);
});

t.test(
  'liveness: the test clock stepped past the ping and its timeout at once keeps a healthy socket',
  async (t) => {
    const fx = await setup(t);
    const { slug, socket } = await openFollowedRoom(
      t,
      fx,
      {},
      { pingAfterMs: 30_000, pongTimeoutMs: 30_000 },
    );
    const pong = waitFor(socket, 'frame', (f) => f.type === 'pong');
    await fx.clock.advance('5m');
    await pong;
    t.equal(socket.status, 'open');
    t.notOk(socket.lastError, 'never presumed dead');
    t.same(
      fx.emu.log.requests.filter((r) => r.path === `/ws/o/bot/${slug}`).map((r) => r.status),
      [101],
      'one handshake: no reconnect',
    );
  },
);

t.test('a deactivated bot leaves the socket auth_failed but still reading', async (t) => {
  const fx = await setup(t);
  const { socket } = await openFollowedRoom(t, fx, {}, QUIET);
  fx.emu.deactivateBot(fx.bot.clientId);
  const failed = waitFor(socket, 'status', (s) => s === 'auth_failed');
  socket.send(botActions.setMeta({ round: 1 }));
  await failed;
  t.match(socket.lastError, { kind: 'auth_failed' });
});

t.test('liveness: a quiet socket is pinged; one that stays silent is replaced', async (t) => {
  const fx = await setup(t);
  const { slug, socket } = await openFollowedRoom(t, fx, {}, { pingAfterMs: 30_000, pongTimeoutMs: 30_000 });
  const pong = waitFor(socket, 'frame', (f) => f.type === 'pong');
  await fx.clock.advance('30s');
  await pong;
  t.equal(socket.status, 'open');

  fx.emu.faults.delayFrames(3_600_000, slug);
  const reconnecting = waitFor(socket, 'status', (s) => s === 'reconnecting');
  await fx.clock.advance('30s');
  await fx.emu.log.waitForAction((a) => a.action === 'ping' && fx.emu.log.actions.length === 2);
  await fx.clock.advance('30s');
  await reconnecting;
  t.match(socket.lastError?.message, /presumed dead/);

  // The next handshake fails too (proxy error): back off 2 s, then succeed.
  fx.emu.faults.clear();
  fx.emu.faults.failNext(`/ws/o/bot/${slug}`, { status: 502 });
  const retrying = waitFor(socket, 'status', (s) => s === 'reconnecting');
  await fx.clock.advance('1s');
  await retrying;
  const back = waitFor(socket, 'race', (u) => u.baseline);
  await fx.clock.advance('2s');
  await back;
  t.equal(socket.status, 'open');
  t.same(
    fx.emu.log.requests.filter((r) => r.path === `/ws/o/bot/${slug}`).map((r) => r.status),
    [101, 502, 101],
  );
});

t.test('an unknown room closes the socket for good', async (t) => {
  const fx = await setup(t);
  const socket = new RaceSocket({
    url: fx.http.websocketUrl('/ws/o/bot/no-such-race-0000'),
    tokens: fx.tokens,
    clock: fx.clock,
  });
  const closed = waitFor(socket, 'status', (s) => s === 'closed');
  socket.start();
  await closed;
  t.match(socket.lastError?.message, /unknown race/);
});
