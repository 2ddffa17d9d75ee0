import t from 'tap';
import { RacetimeError } from '../../src/clients/racetime-errors.js';
import { RacetimeHttpClient } from '../../src/clients/racetime-http-client.js';
import { setup, TIMEOUT_MS, tournamentRoom } from './fixtures.js';

const rejection = async (promise: Promise<unknown>): Promise<RacetimeError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof RacetimeError)) throw new Error(`expected a RacetimeError, got ${String(error)}`);
  return error;
};

t.test('startrace sends every field; the room is opened exactly as asked', async (t) => {
  const fx = await setup(t);
  const token = await fx.tokens.token();
  const room = await fx.http.startRace(
    'alttpr',
    token,
    tournamentRoom({
      unlisted: true,
      ranked: false,
      infoBot: 'seed https://example.org/h/abc',
      requireEvenTeams: true,
      startDelaySeconds: 30,
      timeLimitHours: 12,
      timeLimitAutoComplete: true,
      autoStart: false,
      allowComments: false,
      allowPreraceChat: false,
      allowMidraceChat: false,
      chatMessageDelaySeconds: 5,
    }),
  );
  t.match(room, { category: 'alttpr', name: `alttpr/${room.slug}` });
  const request = fx.emu.log.requests.find((r) => r.path === '/o/alttpr/startrace');
  t.same([...new URLSearchParams(request?.body).keys()].sort(), [
    'allow_comments',
    'allow_midrace_chat',
    'allow_non_entrant_chat',
    'allow_prerace_chat',
    'auto_start',
    'chat_message_delay',
    'goal',
    'hide_comments',
    'hide_entrants',
    'info_bot',
    'info_user',
    'invitational',
    'partitionable',
    'ranked',
    'require_even_teams',
    'start_delay',
    'streaming_required',
    'team_race',
    'time_limit',
    'time_limit_auto_complete',
    'unlisted',
  ]);
  t.match(fx.emu.races.require(room.slug), {
    status: { value: 'invitational' },
    goal: { name: 'Beat the game', custom: false },
    unlisted: true,
    ranked: false,
    info_user: 'Racedesk League - Mario vs. Luigi - Round 1',
    info_bot: 'seed https://example.org/h/abc',
    team_race: false,
    require_even_teams: true,
    start_delay: 'P0DT00H00M30S',
    time_limit: 'P0DT12H00M00S',
    time_limit_auto_complete: true,
    streaming_required: false,
    auto_start: false,
    allow_comments: false,
    hide_comments: true,
    allow_prerace_chat: false,
    allow_midrace_chat: false,
    allow_non_entrant_chat: false,
    chat_message_delay: 'P0DT00H00M05S',
    opened_by_bot: 'RacedeskBot',
  });

  const custom = await fx.http.startRace('alttpr', token, tournamentRoom({ goal: { custom: 'Any% NMG' } }));
  t.match(fx.emu.races.require(custom.slug), { goal: { name: 'Any% NMG', custom: true }, recordable: false });
});

t.test('race data, category data (unlisted only with the bot token) and edit', async (t) => {
  const fx = await setup(t);
  const token = await fx.tokens.token();
  const listed = await fx.http.startRace('alttpr', token, tournamentRoom());
  const unlisted = await fx.http.startRace('alttpr', token, tournamentRoom({ unlisted: true }));
  const names = async (botToken?: string) =>
    (await fx.http.categoryData('alttpr', botToken)).currentRaces.map((r) => r.name).sort();
  t.same(await names(), [listed.name]);
  t.same(await names(token), [listed.name, unlisted.name].sort());

  const race = await fx.http.raceData(unlisted.name);
  t.match(race, { name: unlisted.name, status: 'invitational', unlisted: true, openedByBot: 'RacedeskBot' });
  t.equal(race.websocketBotUrl, `/ws/o/bot/${unlisted.slug}`);

  await fx.http.editRace(unlisted.name, token, tournamentRoom({ unlisted: true, infoUser: 'Rescheduled' }));
  t.match(await fx.http.raceData(unlisted.name), { infoUser: 'Rescheduled' });
  t.match(fx.emu.races.require(unlisted.slug), {
    info_user: 'Rescheduled',
    hide_comments: true,
    unlisted: true,
  });

  t.equal((await rejection(fx.http.raceData('alttpr/no-such-race-0000'))).kind, 'not_found');
});

t.test('422 keeps the form errors; 5xx is retryable; 403 asks to reauthorize', async (t) => {
  const fx = await setup(t);
  const token = await fx.tokens.token();
  const invalid = await rejection(
    fx.http.startRace('alttpr', token, tournamentRoom({ startDelaySeconds: 5 })),
  );
  t.match(invalid, { kind: 'rejected', status: 422, code: 'RD_RACETIME_REJECTED', uncertain: false });
  t.same(invalid.formErrors, { start_delay: ['Ensure this value is greater than or equal to 0:00:10.'] });
  t.match(invalid.message, /greater than or equal to 0:00:10/);
  t.notOk(invalid.retryable);

  const noGoal = await rejection(
    fx.http.startRace('alttpr', token, tournamentRoom({ goal: { name: 'Not a goal of this category' } })),
  );
  t.same(noGoal.formErrors, { __all__: ['You need to set a goal for this race.'] });

  fx.emu.faults.failNext('/o/alttpr/startrace', { status: 503 });
  const unavailable = await rejection(fx.http.startRace('alttpr', token, tournamentRoom()));
  t.match(unavailable, { kind: 'server', status: 503, retryable: true, uncertain: false });

  fx.emu.faults.expireTokens();
  const forbidden = await rejection(fx.http.startRace('alttpr', token, tournamentRoom()));
  t.match(forbidden, { kind: 'forbidden', status: 403 });
  t.equal(fx.emu.races.list().length, 0, 'nothing was opened');
});

t.test('a startrace that never answers is an uncertain timeout', async (t) => {
  const fx = await setup(t);
  const token = await fx.tokens.token();
  fx.emu.faults.hangNext('/o/alttpr/startrace');
  const pending = rejection(fx.http.startRace('alttpr', token, tournamentRoom()));
  await fx.emu.log.waitForRequest((r) => r.path === '/o/alttpr/startrace' && r.status === 0);
  await fx.clock.advance(TIMEOUT_MS);
  const error = await pending;
  t.match(error, { kind: 'timeout', uncertain: true, retryable: true, code: 'RD_RACETIME_TIMEOUT' });
});

t.test('malformed answers become bad_response errors, never crashes', async (t) => {
  const fx = await setup(t);
  fx.emu.faults.failNext('/alttpr/data', { status: 200, body: '{"name": "ALTTPR", ' });
  t.match(await rejection(fx.http.categoryData('alttpr')), {
    kind: 'bad_response',
    message: /malformed JSON/,
  });
  fx.emu.faults.failNext('/alttpr/data', { status: 200, body: '{"name": 3}' });
  t.match(await rejection(fx.http.categoryData('alttpr')), {
    kind: 'bad_response',
    message: /\.name is not a string/,
  });
  fx.emu.faults.failNext('/o/token', { status: 200, body: '[]' });
  t.match(await rejection(fx.tokens.token()), { kind: 'bad_response' });
});

t.test('token endpoint: wrong credentials are auth_failed; the base URL may end with a slash', async (t) => {
  const fx = await setup(t);
  const client = new RacetimeHttpClient({ baseUrl: `${fx.emu.url}/`, clock: fx.clock });
  t.match(await rejection(client.requestBotToken(fx.bot.clientId, 'wrong')), {
    kind: 'auth_failed',
    status: 401,
  });
  t.match(await client.requestBotToken(fx.bot.clientId, fx.bot.clientSecret), {
    expiresIn: 36_000,
    scope: 'read chat_message race_action create_race',
  });
  t.equal(client.websocketUrl('/ws/o/bot/x'), `${fx.emu.wsUrl}/ws/o/bot/x`);
});
