import type { PluginDefinition } from '@racedesk/core';
import {
  api,
  createTestApp,
  type DiscordEmulator,
  type DiscordEmulatorOptions,
  type EmulatedBot,
  type Person,
  signIn,
  startDiscordEmulator,
  type TestApp,
  TestClock,
} from '@racedesk/testkit';
import { plugin } from '../../src/index.js';

/** Something with a teardown hook, such as tap's `t`. */
interface Teardown {
  teardown(fn: () => Promise<void> | void): void;
}

export const PUBLIC_URL = 'http://racedesk.test';
export const CALLBACK_URL = `${PUBLIC_URL}/api/v1/discord-notify/guilds/callback`;

/** An app with discord-notify against a Discord emulator on one test clock, a bot and a superadmin. */
export interface DiscordTestApp extends TestApp {
  emu: DiscordEmulator;
  bot: EmulatedBot;
  root: Person;
}

export interface DiscordTestAppOptions {
  /** The superadmin stores the bot token through the API (default true). */
  configure?: boolean;
  /** Hold a gateway connection (default false: REST only, faster). */
  gateway?: boolean;
  rateLimits?: DiscordEmulatorOptions['rateLimits'];
  /** Plugins loaded before discord-notify (e.g. a stand-in declaring another plugin's events). */
  before?: PluginDefinition[];
  /** Plugins listed after discord-notify (to check nothing depends on load order). */
  after?: PluginDefinition[];
  /** Config of those plugins, by plugin id (`plugins.<id>`). */
  pluginConfig?: Record<string, unknown>;
  /** Share a clock with other emulators (default: a new one). */
  clock?: TestClock;
  /** Instance config (env-only keys included), e.g. `discordBotToken` for `RACEDESK_DISCORD_BOT_TOKEN`. */
  config?: (bot: EmulatedBot) => Record<string, unknown>;
}

/** Starts the emulator and an app pointed at it; closes both (and the bot's client) on teardown. */
export async function discordTestApp(
  t: Teardown,
  options: DiscordTestAppOptions = {},
): Promise<DiscordTestApp> {
  const clock = options.clock ?? new TestClock();
  const emu = await startDiscordEmulator({ clock, rateLimits: options.rateLimits });
  // Registered first, so it runs after the app (and its discord.js client) closed.
  t.teardown(() => emu.close());
  const bot = emu.createBot({ name: 'Racedesk', redirectUris: [CALLBACK_URL] });
  const testApp = await createTestApp({
    plugins: [...(options.before ?? []), plugin, ...(options.after ?? [])],
    clock,
    t,
    rateLimits: false,
    config: {
      ...options.config?.(bot),
      plugins: {
        ...options.pluginConfig,
        'discord-notify': { discordUrl: emu.url, publicUrl: PUBLIC_URL, gateway: options.gateway ?? false },
      },
    },
  });
  const root = await signIn(testApp.app, { superadmin: true, username: 'root' });
  if (options.configure ?? true) {
    await api(testApp.app, root, 'PUT', '/api/v1/discord-notify/bot', {
      token: bot.token,
      applicationId: bot.id,
    });
  }
  return { ...testApp, emu, bot, root };
}
