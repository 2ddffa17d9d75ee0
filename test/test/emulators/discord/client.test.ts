import { Client, DiscordAPIError, EmbedBuilder, Events, type Message, PermissionFlagsBits } from 'discord.js';
import t from 'tap';
import WebSocket from 'ws';
import { loggedInClient, setup } from './fixtures.js';

t.test(
  'discord.js logs in, becomes ready with its guild and DMs an embed the emulator records',
  async (t) => {
    const { emu, bot, alice, guild } = await setup(t);
    const client = await loggedInClient(t, emu, bot.token);
    t.equal(client.user.id, bot.user.id);
    t.equal(client.user.username, 'racedesk');
    t.ok(client.guilds.cache.has(guild.id), 'GUILD_CREATE filled the cache');

    const embed = new EmbedBuilder()
      .setTitle('Race scheduled')
      .setDescription('ALTTPR Week 3 starts soon')
      .setColor(0x2ecc71)
      .addFields({ name: 'When', value: '<t:1893499200:F>' });
    const sent = await client.users.send(alice.id, { content: 'Heads up!', embeds: [embed] });
    t.equal(sent.content, 'Heads up!');
    t.equal(sent.embeds[0]?.title, 'Race scheduled');

    const [dm] = emu.dms(alice.id);
    t.equal(dm?.content, 'Heads up!');
    t.same(dm?.embeds, [
      {
        type: 'rich',
        title: 'Race scheduled',
        description: 'ALTTPR Week 3 starts soon',
        color: 0x2ecc71,
        fields: [{ name: 'When', value: '<t:1893499200:F>' }],
      },
    ]);
    const create = emu.log.requests.find((r) => r.route === '/users/@me/channels');
    t.same(create?.body, { recipient_id: alice.id });
    t.equal(create?.authorization, `Bot ${bot.token}`);
    t.equal(create?.path, '/api/v10/users/@me/channels');
    t.ok(
      emu.log.frames.some((f) => f.op === 2),
      'IDENTIFY received',
    );
  },
);

t.test('a DM to a user who closed DMs fails with 50007 and nothing is stored', async (t) => {
  const { emu, bot, bob } = await setup(t);
  emu.setAcceptsDms(bob.id, false);
  const client = await loggedInClient(t, emu, bot.token);
  const error = await client.users.send(bob.id, 'hello').catch((e: unknown) => e);
  t.ok(error instanceof DiscordAPIError);
  t.equal((error as DiscordAPIError).code, 50007);
  t.equal((error as DiscordAPIError).status, 403);
  t.equal((error as DiscordAPIError).message, 'Cannot send messages to this user');
  t.same(emu.dms(bob.id), []);
});

t.test(
  'guild permissions: the client computes them from roles and overwrites; posting obeys them',
  async (t) => {
    const { emu, bot, guild, general, announcements } = await setup(t);
    const client = await loggedInClient(t, emu, bot.token);
    const cachedGeneral = client.channels.cache.get(general.id);
    const cachedAnnouncements = client.channels.cache.get(announcements.id);
    t.ok(cachedGeneral?.isTextBased() && !cachedGeneral.isDMBased());
    if (
      !cachedGeneral?.isTextBased() ||
      cachedGeneral.isDMBased() ||
      !cachedAnnouncements ||
      cachedAnnouncements.isDMBased()
    ) {
      return;
    }
    const me = client.guilds.cache.get(guild.id)?.members.me;
    t.ok(me, 'bot member cached');
    t.ok(cachedGeneral.permissionsFor(bot.user.id)?.has(PermissionFlagsBits.SendMessages));
    // Role permissions are guild-level; the @everyone overwrite on #announcements still denies sending there.
    t.notOk(cachedAnnouncements.permissionsFor(bot.user.id)?.has(PermissionFlagsBits.SendMessages));
    t.equal(emu.permissionsIn(announcements.id, bot.user.id) & 2048n, 0n, 'emulator agrees');

    await cachedGeneral.send({
      content: 'Room open',
      embeds: [{ title: 'Room', url: 'https://racetime.gg/alttpr/x' }],
    });
    t.equal(emu.messages(general.id)[0]?.embeds[0]?.url, 'https://racetime.gg/alttpr/x');
    const denied = await client.rest
      .post(`/channels/${announcements.id}/messages`, { body: { content: 'nope' } })
      .catch((e: unknown) => e);
    t.equal((denied as DiscordAPIError).code, 50013);
    t.same(emu.messages(announcements.id), []);
  },
);

t.test('messageCreate fires for a DM pushed through the gateway', async (t) => {
  const { emu, bot, alice } = await setup(t);
  const client = await loggedInClient(t, emu, bot.token);
  const received = new Promise<Message>((resolve) => client.once(Events.MessageCreate, resolve));
  emu.gateway.receiveDm({ from: alice.id, toBot: bot.user.id, content: '!status' });
  const message = await received;
  t.equal(message.content, '!status');
  t.equal(message.author.id, alice.id);
  t.ok(message.channel.isDMBased());
});

t.test('an invalid bot token: REST 401 and gateway close 4004', async (t) => {
  const { emu } = await setup(t);
  const client = new Client({ intents: [], rest: { api: emu.apiUrl } });
  t.teardown(() => client.destroy());
  await t.rejects(client.login('not.a.token'), { code: 'TokenInvalid' });
  const gatewayBot = emu.log.requests.find((r) => r.route === '/gateway/bot');
  t.equal(gatewayBot?.status, 401);

  const res = await fetch(`${emu.apiUrl}/v10/users/@me`, { headers: { Authorization: 'Bot nope' } });
  t.equal(res.status, 401);
  t.same(await res.json(), { message: '401: Unauthorized', code: 0 });

  const ws = new WebSocket(`${emu.gatewayUrl}/?v=10&encoding=json`);
  const closed = new Promise<[number, string]>((resolve) =>
    ws.on('close', (code, reason) => resolve([code, String(reason)])),
  );
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as { op: number };
    if (frame.op === 10) ws.send(JSON.stringify({ op: 2, d: { token: 'nope', intents: 0, properties: {} } }));
  });
  t.same(await closed, [4004, 'Authentication failed.']);
});

t.test('a dropped gateway connection is resumed by discord.js', async (t) => {
  const { emu, bot } = await setup(t);
  const client = await loggedInClient(t, emu, bot.token);
  emu.gateway.drop(4000);
  const resume = await emu.log.waitForFrame((f) => f.op === 6);
  t.match(resume.d, { session_id: String, seq: Number });
  t.ok(client.isReady());
  await client.users.send(emu.createUser({ username: 'carol' }).id, 'still works');
  t.equal(emu.log.messages.length, 1);
});
