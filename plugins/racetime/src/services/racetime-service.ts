import type { ChatCommand } from './chat-commands.js';
import { type RacetimeContext, runtimeOf } from './runtime.js';

/** What other plugins get with `ctx.services.get('racetime')` (declare `dependsOn: ['racetime']`). */
export interface RacetimeService {
  /** Adds a `!name` chat command to every room the bot follows (live-races, async-tournaments, ...). */
  registerChatCommand(command: ChatCommand): void;
}

declare module '@racedesk/core' {
  interface PluginServices {
    racetime: RacetimeService;
  }
}

/** Builds the service. */
export function racetimeService(ctx: RacetimeContext): RacetimeService {
  return { registerChatCommand: (command) => runtimeOf(ctx).commands.register(command) };
}
