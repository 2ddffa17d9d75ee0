import { type DiscordAPIError, HTTPError, type RateLimitData, REST, RESTEvents, Routes } from 'discord.js';
import t from 'tap';
import { TestClock } from '../../../src/clock.js';
import { setup } from './fixtures.js';

const restFor = (apiUrl: string, token: string, timeout = 15_000): REST =>
  new REST({ api: apiUrl, version: '10', timeout }).setToken(token);

t.test('a 429 storm: @discordjs/rest waits retry_after and retries until it succeeds', async (t) => {
  const { emu, bot, general } = await setup(t);
  emu.faults.rateLimitNext('/channels/*/messages', { count: 2, retryAfterMs: 100, method: 'POST' });
  const rest = restFor(emu.apiUrl, bot.token);
  const started = Date.now();
  await rest.post(Routes.channelMessages(general.id), { body: { content: 'after the storm' } });
  t.ok(Date.now() - started >= 200, 'waited twice');
  const statuses = emu.log.requests.filter((r) => r.route.endsWith('/messages')).map((r) => r.status);
  t.same(statuses, [429, 429, 200]);
  t.same(
    emu.messages(general.id).map((m) => m.content),
    ['after the storm'],
  );
});

t.test('a real bucket: a second client that does not know the bucket gets a 429 and retries', async (t) => {
  const { emu, bot, general } = await setup(t, {
    rateLimits: { routes: { 'POST /channels/:channel_id/messages': { limit: 2, windowMs: 300 } } },
  });
  const first = restFor(emu.apiUrl, bot.token);
  const second = restFor(emu.apiUrl, bot.token);
  const route = Routes.channelMessages(general.id);
  await first.post(route, { body: { content: 'one' } });
  await first.post(route, { body: { content: 'two' } });
  await second.post(route, { body: { content: 'three' } });
  const statuses = emu.log.requests.filter((r) => r.route === route).map((r) => r.status);
  t.same(statuses, [200, 200, 429, 200]);
  t.same(
    emu.messages(general.id).map((m) => m.content),
    ['one', 'two', 'three'],
  );
});

t.test('rate-limit headers and the 429 body follow the injected clock', async (t) => {
  const clock = new TestClock('2030-01-07T12:00:00.000Z');
  t.teardown(() => clock.uninstall());
  const { emu, bot, general, announcements } = await setup(t, { clock });
  const post = (channelId: string) =>
    fetch(`${emu.apiUrl}/v10/channels/${channelId}/messages`, {
      method: 'POST',
      headers: { Authorization: `Bot ${bot.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ content: 'hi' }),
    });
  const remaining: string[] = [];
  let bucket: string | null = null;
  for (let i = 0; i < 5; i++) {
    const res = await post(general.id);
    t.equal(res.status, 200);
    remaining.push(res.headers.get('x-ratelimit-remaining') ?? '');
    bucket = res.headers.get('x-ratelimit-bucket');
    t.equal(res.headers.get('x-ratelimit-limit'), '5');
    t.equal(res.headers.get('x-ratelimit-reset-after'), '5.000');
    t.equal(res.headers.get('x-ratelimit-reset'), `${Date.parse('2030-01-07T12:00:05Z') / 1000}.000`);
  }
  t.same(remaining, ['4', '3', '2', '1', '0']);
  t.match(bucket, /^[0-9a-f]{32}$/);

  await clock.advance('2s');
  const limited = await post(general.id);
  t.equal(limited.status, 429);
  t.equal(limited.headers.get('retry-after'), '3');
  t.equal(limited.headers.get('x-ratelimit-scope'), 'user');
  t.equal(limited.headers.get('x-ratelimit-bucket'), bucket);
  t.same(await limited.json(), { message: 'You are being rate limited.', retry_after: 3, global: false });

  const otherChannel = await post(announcements.id);
  t.not(otherChannel.status, 429, 'the channel id is a major parameter: its own bucket');
  await clock.advance('3s');
  const again = await post(general.id);
  t.equal(again.status, 200);
  t.equal(again.headers.get('x-ratelimit-remaining'), '4');
});

t.test('the global limit answers 429 with X-RateLimit-Global', async (t) => {
  const clock = new TestClock();
  t.teardown(() => clock.uninstall());
  const { emu, bot } = await setup(t, { clock, rateLimits: { global: { limit: 3, windowMs: 1000 } } });
  const get = () => fetch(`${emu.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${bot.token}` } });
  for (let i = 0; i < 3; i++) t.equal((await get()).status, 200);
  const res = await get();
  t.equal(res.status, 429);
  t.equal(res.headers.get('x-ratelimit-global'), 'true');
  t.equal(res.headers.get('x-ratelimit-scope'), 'global');
  t.same(await res.json(), { message: 'You are being rate limited.', retry_after: 1, global: true });
  await clock.advance('1s');
  t.equal((await get()).status, 200);
});

t.test('5xx faults are retried by @discordjs/rest; too many surface as HTTPError', async (t) => {
  const { emu, bot, alice } = await setup(t);
  const rest = restFor(emu.apiUrl, bot.token);
  emu.faults.failNext('/users/@me/channels', { count: 2, status: 502 });
  const channel = (await rest.post(Routes.userChannels(), { body: { recipient_id: alice.id } })) as {
    id: string;
  };
  t.match(channel, { id: /^\d+$/, type: 1 });
  emu.faults.failNext('/users/@me/channels', { count: 4 });
  const error = await rest
    .post(Routes.userChannels(), { body: { recipient_id: alice.id } })
    .catch((e: unknown) => e);
  t.ok(error instanceof HTTPError);
  t.equal((error as HTTPError).status, 500);
});

t.test('permanent error codes: 10003, 50001 and 50007 on demand', async (t) => {
  const { emu, bot, alice, general } = await setup(t);
  const rest = restFor(emu.apiUrl, bot.token);
  const code = async (promise: Promise<unknown>) =>
    ((await promise.catch((e: unknown) => e)) as DiscordAPIError).code;
  t.equal(await code(rest.get(Routes.channel('123456789012345678'))), 10003);
  emu.faults.errorNext(`/channels/${general.id}/messages`, 50001, { count: Number.POSITIVE_INFINITY });
  t.equal(await code(rest.post(Routes.channelMessages(general.id), { body: { content: 'x' } })), 50001);
  t.equal(await code(rest.post(Routes.channelMessages(general.id), { body: { content: 'x' } })), 50001);
  emu.faults.clear();
  await rest.post(Routes.channelMessages(general.id), { body: { content: 'ok now' } });
  const dm = (await rest.post(Routes.userChannels(), { body: { recipient_id: alice.id } })) as { id: string };
  emu.faults.errorNext('/channels/*/messages', 50007);
  t.equal(await code(rest.post(Routes.channelMessages(dm.id), { body: { content: 'x' } })), 50007);
  t.equal(await code(rest.post(Routes.channelMessages(dm.id), { body: {} })), 50006);
  t.same(emu.dms(alice.id), []);
});

t.test(
  'a hung request times out on the client; embeds over the limits are rejected with 50035',
  async (t) => {
    const { emu, bot, general } = await setup(t);
    const rest = restFor(emu.apiUrl, bot.token, 200);
    emu.faults.hangNext('/channels/*', { method: 'GET', count: 10 });
    const error = await rest.get(Routes.channel(general.id)).catch((e: unknown) => e);
    t.ok(error instanceof Error, 'the client gave up');
    t.ok(
      emu.log.requests.some((r) => r.status === 0),
      'recorded as hanging',
    );
    emu.faults.clear();
    const invalid = (await rest
      .post(Routes.channelMessages(general.id), { body: { embeds: [{ title: 'x'.repeat(257) }] } })
      .catch((e: unknown) => e)) as DiscordAPIError;
    t.equal(invalid.code, 50035);
    t.match(invalid.rawError, {
      errors: { embeds: { 0: { title: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } },
    });
  },
);

t.test(
  'under a TestClock, advancing the clock releases both the emulator window and discord.js',
  async (t) => {
    const clock = new TestClock();
    t.teardown(() => clock.uninstall());
    const { emu, bot, general } = await setup(t, {
      clock,
      rateLimits: { routes: { 'POST /channels/:channel_id/messages': { limit: 2, windowMs: 200 } } },
    });
    const rest = restFor(emu.apiUrl, bot.token);
    const route = Routes.channelMessages(general.id);
    const waiting = new Promise<RateLimitData>((resolve) => rest.once(RESTEvents.RateLimited, resolve));
    const sends = ['a', 'b', 'c'].map((content) => rest.post(route, { body: { content } }));
    // Advance only once discord.js has read Remaining 0 / Reset-After 0.2: its reset is Date-based + 50 ms.
    const limited = await waiting;
    t.equal(limited.limit, 2);
    await clock.advance(300);
    await Promise.all(sends);
    t.same(
      emu.log.requests.filter((r) => r.route === route).map((r) => r.status),
      [200, 200, 200],
      'no 429: the client waited for the window it was told about',
    );
  },
);
