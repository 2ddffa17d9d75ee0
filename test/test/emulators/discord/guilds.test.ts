import { type DiscordAPIError, REST, Routes } from 'discord.js';
import t from 'tap';
import { TestClock } from '../../../src/clock.js';
import { setup } from './fixtures.js';

type Json = Record<string, unknown>;

t.test('guild, channels with overwrites, roles and the bot member', async (t) => {
  const { emu, bot, guild, general, announcements } = await setup(t);
  const rest = new REST({ api: emu.apiUrl, version: '10' }).setToken(bot.token);
  t.match(await rest.get(Routes.guild(guild.id)), { id: guild.id, owner_id: guild.ownerId, roles: Array });
  const channels = (await rest.get(Routes.guildChannels(guild.id))) as Json[];
  t.match(channels, [
    { id: general.id, type: 0, name: 'general', permission_overwrites: [] },
    {
      id: announcements.id,
      name: 'announcements',
      permission_overwrites: [{ id: guild.id, type: 0, allow: '0', deny: '2048' }],
    },
  ]);
  const roles = (await rest.get(Routes.guildRoles(guild.id))) as Json[];
  t.same(
    roles.map((r) => r.name),
    ['@everyone', 'Racedesk', 'Restreamer'],
  );
  const me = (await rest.get(Routes.guildMember(guild.id, bot.user.id))) as Json;
  t.same(me.roles, [emu.store.role(guild.id, 'Racedesk').id]);
  const stranger = emu.createGuild({ name: 'Elsewhere', ownerId: emu.createUser({ username: 'zed' }).id });
  const missing = (await rest.get(Routes.guild(stranger.id)).catch((e: unknown) => e)) as DiscordAPIError;
  t.same([missing.status, missing.code, missing.message], [403, 50001, 'Missing Access']);
  const unknown = (await rest
    .get(Routes.guild('1234567890123456789'))
    .catch((e: unknown) => e)) as DiscordAPIError;
  t.equal(unknown.code, 10004);

  emu.setOverwrite(general.id, { target: bot.user.id, type: 'member', deny: ['ViewChannel'] });
  const hidden = (await rest.get(Routes.channel(general.id)).catch((e: unknown) => e)) as DiscordAPIError;
  t.equal(hidden.code, 50001);
});

t.test('scheduled events: create, list, modify, status transitions, delete; validation', async (t) => {
  const clock = new TestClock('2030-01-07T12:00:00.000Z');
  t.teardown(() => clock.uninstall());
  const { emu, bot, guild } = await setup(t, { clock });
  const rest = new REST({ api: emu.apiUrl, version: '10' }).setToken(bot.token);
  const body = {
    name: 'ALTTPR Week 3: alice vs bob',
    description: 'Restream on twitch.tv/example',
    scheduled_start_time: '2030-01-08T18:00:00.000Z',
    scheduled_end_time: '2030-01-08T20:00:00.000Z',
    privacy_level: 2,
    entity_type: 3,
    entity_metadata: { location: 'https://racetime.gg/alttpr/brave-link-1234' },
  };
  const created = (await rest.post(Routes.guildScheduledEvents(guild.id), { body })) as Json;
  t.match(created, {
    id: /^\d+$/,
    guild_id: guild.id,
    channel_id: null,
    creator_id: bot.user.id,
    name: body.name,
    scheduled_start_time: '2030-01-08T18:00:00+00:00',
    scheduled_end_time: '2030-01-08T20:00:00+00:00',
    privacy_level: 2,
    status: 1,
    entity_type: 3,
    entity_metadata: { location: body.entity_metadata.location },
    creator: { id: bot.user.id },
  });
  const id = String(created.id);
  t.equal(emu.scheduledEvents(guild.id)[0]?.name, body.name);
  t.match(await rest.get(Routes.guildScheduledEvents(guild.id)), [{ id }]);

  const moved = (await rest.patch(Routes.guildScheduledEvent(guild.id, id), {
    body: { scheduled_start_time: '2030-01-08T19:00:00Z', scheduled_end_time: '2030-01-08T21:00:00Z' },
  })) as Json;
  t.equal(moved.scheduled_start_time, '2030-01-08T19:00:00+00:00');
  await rest.patch(Routes.guildScheduledEvent(guild.id, id), { body: { status: 2 } });
  const backwards = (await rest
    .patch(Routes.guildScheduledEvent(guild.id, id), { body: { status: 1 } })
    .catch((e: unknown) => e)) as DiscordAPIError;
  t.equal(backwards.code, 50035);
  await rest.delete(Routes.guildScheduledEvent(guild.id, id));
  t.same(emu.scheduledEvents(guild.id), []);
  const gone = (await rest
    .get(Routes.guildScheduledEvent(guild.id, id))
    .catch((e: unknown) => e)) as DiscordAPIError;
  t.equal(gone.code, 10070);

  const past = (await rest
    .post(Routes.guildScheduledEvents(guild.id), {
      body: { ...body, scheduled_start_time: '2030-01-01T00:00:00Z' },
    })
    .catch((e: unknown) => e)) as DiscordAPIError;
  t.match(past.rawError, {
    code: 50035,
    errors: { scheduled_start_time: { _errors: [{ code: 'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST' }] } },
  });
  const noLocation = (await rest
    .post(Routes.guildScheduledEvents(guild.id), { body: { ...body, entity_metadata: {} } })
    .catch((e: unknown) => e)) as DiscordAPIError;
  t.match(noLocation.rawError, {
    errors: { entity_metadata: { location: { _errors: [{ code: 'BASE_TYPE_REQUIRED' }] } } },
  });

  const role = emu.store.role(guild.id, 'Racedesk');
  role.permissions &= ~(1n << 33n);
  const forbidden = (await rest
    .post(Routes.guildScheduledEvents(guild.id), { body })
    .catch((e: unknown) => e)) as DiscordAPIError;
  t.same([forbidden.status, forbidden.code], [403, 50013]);
});
