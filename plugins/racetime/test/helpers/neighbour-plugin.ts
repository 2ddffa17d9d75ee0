import { definePlugin, delivered } from '@racedesk/core';
import '../../src/index.js';

/** One notification handed to the stand-in channel. */
export interface SentNotice {
  userId: number | null;
  eventType: string;
  payload: unknown;
}

/**
 * A plugin next to racetime, as live-races or discord-notify would be: it depends on racetime, adds
 * a `!seed` chat command through the racetime service, and registers a `test-dm` channel that records
 * what organizers are sent.
 */
export function neighbourPlugin() {
  const sent: SentNotice[] = [];
  const plugin = definePlugin({
    id: 'neighbour',
    version: '1.0.0',
    core: '^0.1.0',
    dependsOn: ['racetime'],
    init: (ctx) => {
      ctx.services.get('racetime').registerChatCommand({
        name: 'seed',
        help: 'the seed of this race',
        handler: ({ args, race }) =>
          `Seed for ${race?.goal.name ?? 'this race'}: ${args.join(' ') || 'none yet'}`,
      });
      ctx.domain.notifications.registerChannel({
        id: 'test-dm',
        description: 'direct messages in tests',
        deliver: async (d) => {
          sent.push({ userId: d.userId, eventType: d.eventType, payload: d.message.payload });
          return delivered();
        },
      });
    },
  });
  return { plugin, sent };
}
