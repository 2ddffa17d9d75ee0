import type { PluginContext } from '@racedesk/core';
import type { DiscordBot } from '../clients/discord-bot.js';
import type { DiscordNotifyConfigValue } from '../schemas/plugin-config.js';
import { IMPORT_TEMPLATES } from '../templates/import-templates.js';
import { MATCH_TEMPLATES } from '../templates/match-templates.js';
import { TemplateRegistry } from '../templates/registry.js';
import { ROOM_TEMPLATES } from '../templates/room-templates.js';
import { RetryPacer } from './retry-pacer.js';

/** The plugin's context with its config typed. */
export type DiscordNotifyContext = PluginContext<DiscordNotifyConfigValue>;

/** Where Discord and this instance are, resolved once. */
export interface InstanceSettings {
  discordUrl: string;
  apiUrl: string;
  publicUrl: string;
  envToken: string | null;
  envApplicationId: string | null;
}

/** What this process keeps for the plugin: the settings and the running bot. */
export interface DiscordNotifyRuntime {
  settings: InstanceSettings;
  bot: DiscordBot | null;
  /** The bot being started, so concurrent callers wait for one start. */
  starting: Promise<DiscordBot | null> | null;
  /** Message templates by event type: the defaults plus those other plugins register. */
  templates: TemplateRegistry;
  /** Spreads retries of rate-limited deliveries over Discord's windows. */
  pacer: RetryPacer;
}

// The core does not hand plugins its instance config, so the plugin reads the RACEDESK_* variables the
// core documents, unless its own config overrides them.
export function resolveSettings(config: DiscordNotifyConfigValue, env = process.env): InstanceSettings {
  const discordUrl = (config.discordUrl ?? env.RACEDESK_DISCORD_URL ?? 'https://discord.com').replace(
    /\/+$/,
    '',
  );
  return {
    discordUrl,
    apiUrl: `${discordUrl}/api`,
    publicUrl: (config.publicUrl ?? env.RACEDESK_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    envToken: env.RACEDESK_DISCORD_BOT_TOKEN || null,
    envApplicationId: env.RACEDESK_DISCORD_CLIENT_ID || null,
  };
}

// Keyed by context: each app (tests run several in one process) has its own.
const runtimes = new WeakMap<object, DiscordNotifyRuntime>();

/** The runtime of this app's plugin, created on first use. */
export function runtimeOf(ctx: DiscordNotifyContext): DiscordNotifyRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    const templates = new TemplateRegistry();
    for (const template of [...MATCH_TEMPLATES, ...ROOM_TEMPLATES, ...IMPORT_TEMPLATES])
      templates.register(template);
    runtime = {
      settings: resolveSettings(ctx.config),
      bot: null,
      starting: null,
      templates,
      pacer: new RetryPacer(ctx.clock),
    };
    runtimes.set(ctx, runtime);
  }
  return runtime;
}

/** Stops the bot on shutdown. */
export async function closeRuntime(ctx: DiscordNotifyContext): Promise<void> {
  const runtime = runtimes.get(ctx);
  if (!runtime) return;
  runtimes.delete(ctx);
  await runtime.starting?.catch(() => null);
  await runtime.bot?.stop();
}
