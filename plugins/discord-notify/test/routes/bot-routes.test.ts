import { api, signIn } from '@racedesk/testkit';
import t from 'tap';
import { discordTestApp } from '../helpers/discord-app.js';

interface BotView {
  configured: boolean;
  status: string;
  statusMessage: string | null;
  tokenSource: string | null;
  applicationId: string | null;
  botUserId: string | null;
}

t.test(
  'a superadmin stores the bot token encrypted; the gateway connects and the status says so',
  async (t) => {
    const { app, root, bot, emu } = await discordTestApp(t, { configure: false, gateway: true });
    const before = await api<BotView>(app, root, 'GET', '/api/v1/discord-notify/bot');
    t.match(before, { configured: false, status: 'unconfigured' });

    const view = await api<BotView>(app, root, 'PUT', '/api/v1/discord-notify/bot', {
      token: bot.token,
      applicationId: bot.id,
    });
    t.match(view, {
      configured: true,
      tokenSource: 'stored',
      status: 'connected',
      applicationId: bot.id,
      botUserId: bot.user.id,
    });
    t.notOk(JSON.stringify(view).includes(bot.token), 'the token is never returned');
    const stored = await app.racedesk
      .db('secrets')
      .where({ owner: 'discord-notify', name: 'bot-token' })
      .first();
    t.notOk(JSON.stringify(stored).includes(bot.token), 'encrypted at rest');
    t.equal(emu.gateway.readySessions, 1, 'logged into the gateway');
    const identify = emu.log.frames.find((f) => f.op === 2);
    t.equal(
      (identify?.d as { intents?: number } | undefined)?.intents,
      1,
      'only the Guilds intent, nothing privileged',
    );
  },
);

t.test('a dropped gateway is resumed by discord.js and the status is connected again', async (t) => {
  const { app, root, emu } = await discordTestApp(t, { gateway: true });
  t.equal(emu.gateway.readySessions, 1);
  const resumed = emu.log.waitForFrame((f) => f.op === 6);
  emu.gateway.drop(4000);
  const frame = await resumed;
  t.ok((frame.d as { session_id?: string }).session_id, 'discord.js resumed its session');
  let view = await api<BotView>(app, root, 'GET', '/api/v1/discord-notify/bot');
  // The RESUMED dispatch is read on a later tick: yield (no sleeping) until the client has seen it.
  for (let i = 0; i < 200 && view.status !== 'connected'; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    view = await api<BotView>(app, root, 'GET', '/api/v1/discord-notify/bot');
  }
  t.equal(view.status, 'connected');
  t.equal(emu.gateway.readySessions, 1);
});

t.test('a gateway close that cannot be resumed shows as disconnected until a restart', async (t) => {
  const { app, root, emu } = await discordTestApp(t, { gateway: true });
  t.equal(emu.gateway.readySessions, 1);
  const statusOf = () => api<BotView>(app, root, 'GET', '/api/v1/discord-notify/bot');
  // 4014 (disallowed intents) is one of the close codes after which Discord allows no resume or reconnect.
  emu.gateway.drop(4014);
  let view = await statusOf();
  // The close is read on a later tick: yield (no sleeping) until the client has seen it.
  for (let i = 0; i < 200 && view.status !== 'disconnected'; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    view = await statusOf();
  }
  t.match(view, { status: 'disconnected', statusMessage: /gateway closed \(4014\)/ });
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  t.equal((await statusOf()).status, 'disconnected', 'discord.js does not reconnect by itself');
  t.equal(emu.gateway.readySessions, 0);
  t.notOk(
    emu.log.frames.some((f) => f.op === 6),
    'no resume was tried',
  );

  const restarted = await api<BotView>(
    app,
    root,
    'POST',
    '/api/v1/discord-notify/bot/restart',
    undefined,
    200,
  );
  t.equal(restarted.status, 'connected', 'a superadmin restart brings it back');
  t.equal(emu.gateway.readySessions, 1);
});

t.test('an invalid token shows as invalid_token, and a good one fixes it', async (t) => {
  const { app, root, bot } = await discordTestApp(t, { configure: false, gateway: true });
  const bad = await api<BotView>(app, root, 'PUT', '/api/v1/discord-notify/bot', {
    token: 'not.a.valid-token',
    applicationId: bot.id,
  });
  t.equal(bad.status, 'invalid_token');
  t.match(bad.statusMessage, /refused/);
  const listed = await api<BotView>(app, root, 'GET', '/api/v1/discord-notify/bot');
  t.equal(listed.status, 'invalid_token', 'kept');
  const good = await api<BotView>(app, root, 'PUT', '/api/v1/discord-notify/bot', {
    token: bot.token,
    applicationId: bot.id,
  });
  t.equal(good.status, 'connected');
});

t.test('a gateway close 4004 (authentication failed) shows as invalid_token, not disconnected', async (t) => {
  const { app, root, emu } = await discordTestApp(t, { gateway: true });
  t.equal(emu.gateway.readySessions, 1);
  const statusOf = () => api<BotView>(app, root, 'GET', '/api/v1/discord-notify/bot');
  emu.gateway.drop(4004);
  let view = await statusOf();
  // The close is read on a later tick: yield (no sleeping) until the client has seen it.
  for (let i = 0; i < 200 && view.status === 'connected'; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    view = await statusOf();
  }
  t.match(view, { status: 'invalid_token', statusMessage: /refused the bot token.*4004/ });
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
  t.equal((await statusOf()).status, 'invalid_token', 'kept: no reconnect with a refused token');
  t.equal(emu.gateway.readySessions, 0);
});

t.test('the instance config token (RACEDESK_DISCORD_BOT_TOKEN) wins over a stored one', async (t) => {
  const { app, root, bot, emu } = await discordTestApp(t, {
    configure: false,
    gateway: true,
    config: (bot) => ({ discordBotToken: bot.token }),
  });
  const before = await api<BotView>(app, root, 'GET', '/api/v1/discord-notify/bot');
  t.match(before, { configured: true, tokenSource: 'env' });

  // A bad token stored through the API does not replace the configured one.
  const view = await api<BotView>(app, root, 'PUT', '/api/v1/discord-notify/bot', {
    token: 'not.a.valid-token',
    applicationId: bot.id,
  });
  t.match(view, { configured: true, tokenSource: 'env', status: 'connected', botUserId: bot.user.id });
  t.equal(emu.gateway.readySessions, 1, 'logged into the gateway with the configured token');

  // Removing the stored token leaves the configured one in use.
  const removed = await api<BotView>(app, root, 'DELETE', '/api/v1/discord-notify/bot');
  t.match(removed, { configured: true, tokenSource: 'env', status: 'connected' });
});

t.test('a bad instance config token shows as invalid_token', async (t) => {
  const { app, root } = await discordTestApp(t, {
    configure: false,
    config: () => ({ discordBotToken: 'not.a.valid-token' }),
  });
  await api(app, root, 'POST', '/api/v1/discord-notify/bot/restart', undefined, 200);
  const view = await api<BotView>(app, root, 'GET', '/api/v1/discord-notify/bot');
  t.match(view, { configured: true, tokenSource: 'env', status: 'invalid_token' });
});

t.test('bad input is a 400 in the one error shape; only superadmins see or change the bot', async (t) => {
  const { app, root } = await discordTestApp(t, { configure: false });
  const bad = await app.inject({
    method: 'PUT',
    url: '/api/v1/discord-notify/bot',
    headers: root.headers,
    payload: { token: 'short', applicationId: 'abc' },
  });
  t.equal(bad.statusCode, 400);
  t.match(bad.json(), { error: { code: String, message: String } });
  const someone = await signIn(app);
  const res = await app.inject({
    method: 'GET',
    url: '/api/v1/discord-notify/bot',
    headers: someone.headers,
  });
  t.equal(res.statusCode, 403);
  t.match(res.json(), { error: { code: String } });
});
