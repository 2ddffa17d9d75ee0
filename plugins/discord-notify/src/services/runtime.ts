import type { PluginContext, PluginInstanceConfig } from '@racedesk/core';
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
  /** The instance config's `discordBotToken` (`RACEDESK_DISCORD_BOT_TOKEN`): wins over a stored token. */
  envToken: string | null;
  /** `RACEDESK_DISCORD_CLIENT_ID`, the application id used when none was stored. */
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

/** The plugin's own config (`plugins.discord-notify`) wins over the validated instance config. */
export function resolveSettings(
  config: DiscordNotifyConfigValue,
  instance: PluginInstanceConfig,
): InstanceSettings {
  const discordUrl = (config.discordUrl ?? instance.services.discordUrl).replace(/\/+$/, '');
  return {
    discordUrl,
    apiUrl: `${discordUrl}/api`,
    publicUrl: (config.publicUrl ?? instance.publicUrl).replace(/\/+$/, ''),
    envToken: instance.discordBotToken || null,
    envApplicationId: instance.oauthClientIds.discord || null,
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
      settings: resolveSettings(ctx.config, ctx.instance),
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
