import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Test } from 'tap';
import type { TimerClock } from '../../../src/clock.js';
import {
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type EmulatedBot,
  type EmulatedChannel,
  type EmulatedGuild,
  type EmulatedUser,
  startDiscordEmulator,
} from '../../../src/emulators/discord/index.js';

export const REDIRECT = 'http://localhost:3000/auth/discord/callback';

export interface Fixture {
  emu: DiscordEmulator;
  bot: EmulatedBot;
  alice: EmulatedUser;
  bob: EmulatedUser;
  guild: EmulatedGuild;
  general: EmulatedChannel;
  announcements: EmulatedChannel;
}

/**
 * A fresh emulator with a bot, two users and a guild owned by Alice where the bot is a member with a
 * "Racedesk" role; `#announcements` is read-only for @everyone. Closed when the test ends.
 */
export async function setup(
  t: Test,
  options: DiscordEmulatorOptions & { clock?: TimerClock } = {},
): Promise<Fixture> {
  const emu = await startDiscordEmulator(options);
  t.teardown(() => emu.close());
  const bot = emu.createBot({ name: 'Racedesk', redirectUris: [REDIRECT] });
  const alice = emu.createUser({ username: 'alice', globalName: 'Alice' });
  const bob = emu.createUser({ username: 'bob' });
  const guild = emu.createGuild({
    name: 'ALTTPR Tournament',
    ownerId: alice.id,
    roles: [
      { name: 'Racedesk', permissions: ['ViewChannel', 'SendMessages', 'EmbedLinks', 'ManageEvents'] },
      { name: 'Restreamer', permissions: ['ViewChannel'] },
    ],
    members: [{ userId: bot.user.id, roles: ['Racedesk'] }, { userId: bob.id }],
    channels: [
      { name: 'general' },
      { name: 'announcements', overwrites: [{ target: '@everyone', type: 'role', deny: ['SendMessages'] }] },
    ],
  });
  const [general, announcements] = guild.channelIds.map((id) => emu.store.channel(id));
  return { emu, bot, alice, bob, guild, general: general!, announcements: announcements! };
}

/** A discord.js client logged into the emulator and ready; destroyed when the test ends. */
export async function loggedInClient(t: Test, emu: DiscordEmulator, token: string): Promise<Client<true>> {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
    partials: [Partials.Channel],
    rest: { api: emu.apiUrl },
  });
  t.teardown(() => client.destroy());
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(token);
  return ready;
}

export const form = (fields: Record<string, string>): URLSearchParams => new URLSearchParams(fields);
