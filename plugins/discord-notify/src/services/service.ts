import type { MessageTemplate } from '../templates/registry.js';
import { type DiscordNotifyContext, runtimeOf } from './runtime.js';

/** What other plugins (live races, async qualifiers) get from `ctx.services.get('discord-notify')`. */
export interface DiscordNotifyService {
  /** Registers the Discord message for one of the caller's event types. */
  registerTemplate(template: MessageTemplate): void;
}

declare module '@racedesk/core' {
  interface PluginServices {
    'discord-notify': DiscordNotifyService;
  }
}

/** Builds the service. */
export function discordNotifyService(ctx: DiscordNotifyContext): DiscordNotifyService {
  return { registerTemplate: (template) => runtimeOf(ctx).templates.register(template) };
}
