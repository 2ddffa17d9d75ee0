import { botService } from './bot-service.js';
import { discordChannels } from './notification-channels.js';
import { OPTIONAL_NOTIFICATIONS } from './notification-types.js';
import type { DiscordNotifyContext } from './runtime.js';

/** At boot: registers the Discord channels and notification types, and starts the bot if it has a token. */
export async function setUp(ctx: DiscordNotifyContext): Promise<void> {
  const notifications = ctx.domain.notifications;
  for (const channel of discordChannels(ctx)) notifications.registerChannel(channel);
  const known = new Set(notifications.types().map((t) => t.event.name));
  for (const type of OPTIONAL_NOTIFICATIONS) {
    if (known.has(type.event.name)) continue;
    try {
      notifications.registerType(type);
    } catch {
      ctx.logger.debug(
        { event: type.event.name },
        'event not declared on this instance: no Discord notification for it',
      );
    }
  }
  // Start in the background: a Discord outage must not stop the instance from booting.
  void botService(ctx)
    .restart()
    .catch((err) => ctx.logger.warn({ err }, 'the Discord bot could not start'));
}
