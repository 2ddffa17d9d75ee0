import t from 'tap';
import { MODEL_DEFAULTS } from '../../../src/emulators/racetime/index.js';
import { botToken, form, openRaceAsBot, setup, startrace } from './fixtures.js';

t.test('201, empty body, relative Location; omitted fields take model defaults', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const res = await startrace(emu, token, { goal: 'Beat the game' });
  t.equal(res.status, 201);
  t.equal(await res.text(), '');
  const location = res.headers.get('location') ?? '';
  t.match(location, /^\/alttpr\/[a-z]+-[a-z]+-\d{4}$/);
  const data = await fetch(`${emu.url}${location}/data`);
  t.ok(data.headers.get('x-date-exact'));
  const race = (await data.json()) as Record<string, unknown>;
  t.match(race, {
    name: location.slice(1),
    status: { value: 'open', verbose_value: 'Open', help_text: 'Anyone may join this race' },
    goal: { name: 'Beat the game', custom: false },
    info: '',
    info_bot: null,
    info_user: null,
    streaming_required: true,
    start_delay: 'P0DT00H00M15S',
    time_limit: 'P1DT00H00M00S',
    chat_message_delay: 'P0DT00H00M00S',
    ranked: true,
    recordable: true,
    auto_start: true,
    allow_non_entrant_chat: true,
    opened_by: null,
    opened_by_bot: 'RacedeskBot',
    websocket_bot_url: `/ws/o/bot/${location.split('/')[2]}`,
    bot_meta: {},
    version: 1,
  });
  t.match(race.opened_at, /^2030-01-07T12:00:00Z$/, 'Django datetime without zero fraction');
  t.same(
    emu.races.chat(location.split('/')[2] ?? '').map((m) => m.message),
    ['Race opened automatically by RacedeskBot'],
  );
});

t.test('boolean parsing: case-insensitive true/false, any other non-empty string is true', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const cases: [string, boolean][] = [
    ['FALSE', false],
    ['True', true],
    ['0', true],
    ['on', true],
    ['', false],
  ];
  for (const [value, expected] of cases) {
    const slug = await openRaceAsBot(emu, token, { streaming_required: value });
    t.equal(emu.races.require(slug).streaming_required, expected, `"${value}" → ${expected}`);
  }
});

t.test('info_bot marker is searchable in category data and past races', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token, {
    info_bot: 'racedesk:match-42',
    info_user: 'League - A vs B',
  });
  const category = (await (await fetch(`${emu.url}/alttpr/data`)).json()) as {
    current_races: { name: string; info: string }[];
    goals: string[];
  };
  t.same(category.goals, ['Beat the game']);
  t.same(
    category.current_races.map((r) => [r.name, r.info]),
    [[`alttpr/${slug}`, 'League - A vs B\nracedesk:match-42']],
  );
  const unlisted = await openRaceAsBot(emu, token, { unlisted: 'true' });
  const pub = (await (await fetch(`${emu.url}/alttpr/data`)).json()) as { current_races: unknown[] };
  t.equal(pub.current_races.length, 1, 'public category data excludes unlisted races');
  const forBot = await fetch(`${emu.url}/o/alttpr/data`, { headers: { Authorization: `Bearer ${token}` } });
  const botData = (await forBot.json()) as { current_races: { name: string }[] };
  t.ok(
    botData.current_races.some((r) => r.name === `alttpr/${unlisted}`),
    '/o/{category}/data includes unlisted',
  );
  t.equal((await fetch(`${emu.url}/o/alttpr/data`)).status, 403);
});

t.test('422 validation errors', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const errorsOf = async (fields: Record<string, string>) => {
    const res = await startrace(emu, token, fields);
    t.equal(res.status, 422);
    return ((await res.json()) as { errors: Record<string, string[]> }).errors;
  };
  t.same(await errorsOf({}), { __all__: ['You need to set a goal for this race.'] });
  t.same(await errorsOf({ goal: 'Unknown goal' }), { __all__: ['You need to set a goal for this race.'] });
  t.same(await errorsOf({ goal: 'Beat the game', custom_goal: 'x' }), {
    __all__: ['The race must only have one goal.'],
  });
  t.same(
    await errorsOf({ goal: 'Beat the game', start_delay: '5', time_limit: '73', chat_message_delay: 'abc' }),
    {
      start_delay: ['Ensure this value is greater than or equal to 0:00:10.'],
      time_limit: ['Ensure this value is less than or equal to 3 days, 0:00:00.'],
      chat_message_delay: ['Enter a whole number.'],
    },
  );
  t.same(await errorsOf({ goal: 'Beat the game', start_delay: '61', info_bot: 'x'.repeat(1234) }), {
    start_delay: ['Ensure this value is less than or equal to 0:01:00.'],
    info_bot: ['Ensure this value has at most 1000 characters (it has 1234).'],
  });
});

t.test('auth: 403 empty without token or for another category bot, 404 unknown category', async (t) => {
  const { emu } = await setup(t);
  emu.addCategory({ slug: 'smz3' });
  const other = emu.registerBot({ category: 'smz3', name: 'OtherBot' });
  const otherToken = await botToken(emu, other);
  const none = await fetch(`${emu.url}/o/alttpr/startrace`, {
    method: 'POST',
    body: form({ goal: 'Beat the game' }),
  });
  t.same([none.status, await none.text()], [403, '']);
  t.equal((await startrace(emu, otherToken, { goal: 'Beat the game' })).status, 403);
  const unknown = await fetch(`${emu.url}/o/nope/startrace`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${otherToken}` },
    body: form({ goal: 'Beat the game' }),
  });
  t.equal(unknown.status, 404);
});

t.test('edit: omitted fields reset to model defaults, announcements, reduced set once running', async (t) => {
  const { emu, bot } = await setup(t);
  const token = await botToken(emu, bot);
  const slug = await openRaceAsBot(emu, token, { info_user: 'Round 1', chat_message_delay: '10' });
  const edit = (fields: Record<string, string>) =>
    fetch(`${emu.url}/o/alttpr/${slug}/edit`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form(fields),
    });
  const res = await edit({ custom_goal: 'Any%' });
  t.same([res.status, await res.text()], [200, '']);
  const race = emu.races.require(slug);
  t.equal(race.info_user, MODEL_DEFAULTS.info_user, 'omitted info_user is blanked');
  t.equal(race.streaming_required, true, 'omitted streaming_required becomes true');
  t.same(race.goal, { name: 'Any%', custom: true });
  t.equal(race.recordable, false, 'custom goals are never recordable');
  t.same(
    emu.races
      .chat(slug)
      .slice(1)
      .map((m) => m.message),
    [
      'RacedeskBot set a new goal: Any%',
      'RacedeskBot updated the race information.',
      'Streaming is now required for this race.',
      'Chat delay has been removed.',
    ],
  );
  t.equal(race.version, 2);
  t.equal(
    (
      await fetch(`${emu.url}/o/alttpr/nope-nope-0001/edit`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
      })
    ).status,
    404,
  );
});
