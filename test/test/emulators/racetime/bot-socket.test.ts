import t from 'tap';
import WebSocket from 'ws';
import { botToken, connectBot, FrameReader, openRaceAsBot, raceOf, setup, twoPlayers } from './fixtures.js';

const PYTHON_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/;

t.test('connect sends race.data then race.renders; unknown slug rejects the handshake', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  const ws = new WebSocket(`${emu.wsUrl}/ws/o/bot/${slug}?token=${token}`);
  const reader = new FrameReader(ws);
  const data = await reader.next();
  t.equal(data.type, 'race.data');
  t.match(data.date, PYTHON_ISO);
  t.equal(data.version, 1);
  t.equal(raceOf(data).name, `alttpr/${slug}`);
  t.equal((await reader.next()).type, 'race.renders');
  reader.send('ping');
  t.equal((await reader.next()).type, 'pong');
  ws.close();

  const bad = new WebSocket(`${emu.wsUrl}/ws/o/bot/no-such-race-0000`);
  const status = await new Promise<number>((resolve) =>
    bad.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
  );
  t.equal(status, 403);
});

t.test('error frames: invalid JSON, unknown action, bad or expired token (socket stays open)', async (t) => {
  const { emu, bot, clock } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  const anonymous = new WebSocket(`${emu.wsUrl}/ws/o/bot/${slug}`);
  const reader = new FrameReader(anonymous);
  await reader.nextOf('race.renders');
  anonymous.send('{not json');
  t.same((await reader.nextOf('error')).errors, [
    'Unable to process that message (encountered invalid or possibly corrupted data). Sorry about that.',
  ]);
  reader.send('fly');
  t.same((await reader.nextOf('error')).errors, [
    'Action is missing or not recognised. Check your input and try again.',
  ]);
  reader.send('setinfo', { info_bot: 'x' });
  t.same((await reader.nextOf('error')).errors, ['Permission denied. Check your authorization token.']);

  const bot2 = await connectBot(emu, slug, token);
  await clock.advance('36000s');
  bot2.send('setinfo', { info_bot: 'x' });
  t.same((await bot2.nextOf('error')).errors, ['Permission denied. Check your authorization token.']);
  t.equal(bot2.ws.readyState, WebSocket.OPEN, 'expired token does not close the socket');
  t.same(
    emu.log.actions.map((a) => [a.action, a.errors?.length ?? 0]),
    [
      ['', 1],
      ['fly', 1],
      ['setinfo', 1],
      ['setinfo', 1],
    ],
  );
});

t.test('message: bot chat, guid rules, DMs, validation', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  const [mario] = twoPlayers(emu);
  const reader = await connectBot(emu, slug, token);
  reader.send('message', {
    message: 'Hello',
    guid: 'abc-1',
    actions: { Roll: { message: '!roll' } },
    pinned: true,
  });
  const chat = (await reader.nextOf('chat.message')).message as Record<string, unknown>;
  t.match(chat, {
    user: null,
    bot: 'RacedeskBot',
    message: 'Hello',
    message_plain: 'Hello',
    is_bot: true,
    is_monitor: null,
    is_system: false,
    is_pinned: true,
    is_dm: false,
    delay: 0,
    actions: { Roll: { message: '!roll' } },
  });
  t.match(chat.id, /^[A-Za-z0-9]{16}$/);
  t.match(chat.posted_at, PYTHON_ISO);

  reader.send('message', { message: 'Hello again', guid: 'abc-1' });
  reader.send('message', { message: 'no guid', guid: 'ABC' });
  t.same((await reader.nextOf('error')).errors, [
    'Bad request, no GUID supplied. A unique string is required to prevent duplicate messaging.',
  ]);
  reader.send('message', { guid: 'g2', direct_to: 'nobody', actions: { a: 1, b: 2, c: 3, d: 4, e: 5 } });
  t.same((await reader.nextOf('error')).errors, [
    'message: This field is required.',
    'direct_to: Unrecognised user',
    'actions: A message may only have up to 4 actions.',
  ]);
  reader.send('message', { message: 'your seed', guid: 'g3', direct_to: mario.id });
  const dm = await reader.nextOf('chat.dm');
  t.match(dm, { from_user: null, from_bot: 'RacedeskBot', to: { id: mario.id, full_name: 'Mario#5527' } });
  t.same(
    emu.log.botMessages(slug).map((m) => [m.message, m.is_dm]),
    [
      ['Hello', false],
      ['your seed', true],
    ],
    'the duplicate guid was dropped silently',
  );
});

t.test('setinfo then setmeta: chat.message → race.data → race.renders, setmeta silent', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  const reader = await connectBot(emu, slug, token);
  reader.send('setmeta', { match: 42 });
  reader.send('setinfo', { info_bot: 'seed https://example/h/1', info_user: '' });
  const chat = await reader.next();
  t.equal(chat.type, 'chat.message');
  t.match(chat.message, {
    message: '##bot##RacedeskBot## updated the race information.',
    message_plain: 'RacedeskBot updated the race information.',
    is_system: true,
  });
  const data = await reader.next();
  t.equal(data.type, 'race.data');
  t.equal(data.version, 3, 'setmeta bumped the version without a broadcast');
  t.match(raceOf(data), { info_bot: 'seed https://example/h/1', info_user: null, bot_meta: { match: 42 } });
  t.equal((await reader.next()).type, 'race.renders');
  reader.send('setmeta', { blob: 'x'.repeat(2100) });
  t.same((await reader.nextOf('error')).errors, ['Data provided is too large to save.']);
});

t.test('invites, join requests, monitors and guards', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token, { invitational: 'true', streaming_required: 'true' });
  const [mario, luigi] = twoPlayers(emu);
  const noTwitch = emu.registerUser({ name: 'Toad', discriminator: null, twitchName: null });
  const reader = await connectBot(emu, slug, token);
  const chatText = async () => ((await reader.nextOf('chat.message')).message as { message: string }).message;
  const error = async () => (await reader.nextOf('error')).errors;

  reader.send('invite', { user: mario.id });
  t.equal(await chatText(), 'RacedeskBot invites Mario#5527 to join the race.');
  t.match(raceOf(await reader.nextOf('race.data')).entrants, [{ status: { value: 'invited' } }]);
  reader.send('invite', { user: mario.id });
  t.same(await error(), ['Mario#5527 is already an entrant.']);
  reader.send('invite', { user: 'unknown' });
  t.same(await error(), ['No user found matching the given ID.']);
  emu.races.require(slug);
  emu.players.acceptInvite(slug, mario.id);
  reader.send('make_open');
  t.equal(await chatText(), 'Mario#5527 accepts an invitation to join the race.');
  t.equal(await chatText(), 'RacedeskBot sets the race to be open. Anyone may now join.');
  reader.send('make_open');
  t.same(await error(), ['Race is not an invitational.']);
  reader.send('make_invitational');
  t.equal(await chatText(), 'RacedeskBot sets the race to be invite only.');

  emu.players.requestInvite(slug, luigi.id);
  t.equal(await chatText(), 'Luigi#0340 requests to join the race.');
  reader.send('accept_request', { user: mario.id });
  t.same(await error(), ['This user has not requested to join this race. Refresh to continue.']);
  reader.send('accept_request', { user: luigi.id });
  t.equal(await chatText(), 'RacedeskBot accepts a request to join from Luigi#0340.');
  reader.send('accept_request', { user: noTwitch.id });
  t.same(await error(), ['Specified user is not a race entrant.']);
  reader.send('invite', { user: noTwitch.id });
  t.same(await error(), ['Toad is not allowed to join this race.'], 'no Twitch while streaming is required');

  reader.send('force_unready', { user: mario.id });
  t.same(await error(), ['You cannot force this entrant to unready at this time. Refresh to continue.']);
  reader.send('add_monitor', { user: mario.id });
  t.equal(await chatText(), 'RacedeskBot promoted Mario#5527 to race monitor.');
  reader.send('remove_entrant', { user: luigi.id });
  t.equal(await chatText(), 'RacedeskBot removes Luigi#0340 from the race.');
  const race = raceOf(await reader.nextOf('race.data')) as unknown as {
    monitors: { id: string }[];
    entrants: unknown[];
  };
  t.same(
    race.monitors.map((m) => m.id),
    [mario.id],
  );
  t.equal(race.entrants.length, 1);
  reader.send('begin');
  t.same(await error(), ['Race cannot be started yet.']);
  reader.send('cancel');
  t.equal(await chatText(), 'This race has been cancelled by RacedeskBot.');
  reader.send('cancel');
  t.same(await error(), ['Cannot cancel a race that is in cancelled state.']);
});

t.test('gethistory returns unpinned then pinned messages', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token);
  const reader = await connectBot(emu, slug, token);
  reader.send('message', { message: 'pinned one', guid: 'p1', pinned: true });
  reader.send('message', { message: 'plain one', guid: 'p2' });
  await reader.nextOf('chat.message');
  await reader.nextOf('chat.message');
  reader.send('gethistory', {});
  const history = (await reader.nextOf('chat.history')).messages as { message: string }[];
  t.same(
    history.map((m) => m.message),
    ['Race opened automatically by RacedeskBot', 'plain one', 'pinned one'],
  );
  // Unpinning a message that is not pinned is a silent no-op; the next frame is the real unpin.
  reader.send('unpin_message', { message: emu.races.chat(slug)[2]?.id });
  reader.send('unpin_message', { message: emu.races.chat(slug)[1]?.id });
  t.match((await reader.nextOf('chat.unpin')).message, { message: 'pinned one', is_pinned: false });
  reader.send('pin_message', { message: 'nope' });
  t.same((await reader.nextOf('error')).errors, ['Could not find a message with that ID.']);
});
