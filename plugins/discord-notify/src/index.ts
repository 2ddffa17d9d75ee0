import { fileURLToPath } from 'node:url';
import { definePlugin } from '@racedesk/core';
import { cleanOrphanEvents } from './jobs/clean-orphan-events.js';
import { syncScheduledEvent } from './jobs/sync-scheduled-event.js';
import { wakeDeliveries } from './jobs/wake-deliveries.js';
import { instanceRoutes } from './routes/instance-routes.js';
import { orgRoutes } from './routes/org-routes.js';
import { DiscordNotifyConfig } from './schemas/plugin-config.js';
import { closeRuntime } from './services/runtime.js';
import { discordNotifyService } from './services/service.js';
import { setUp } from './services/setup.js';
import { importFinished } from './subscribers/import-finished.js';
import { matchCancelled } from './subscribers/match-cancelled.js';
import { matchCreated } from './subscribers/match-created.js';
import { matchFinished } from './subscribers/match-finished.js';
import { matchRescheduled } from './subscribers/match-rescheduled.js';
import { matchUpdated } from './subscribers/match-updated.js';
import { roomAtRisk } from './subscribers/room-at-risk.js';
import { roomOpened } from './subscribers/room-opened.js';
import { roomSkipped } from './subscribers/room-skipped.js';

/** Discord: DMs and channel posts as notification channels, guild links, scheduled events for matches. */
export const plugin = definePlugin({
  id: 'discord-notify',
  version: '0.1.0',
  core: '^0.1.0',
  description: 'Discord as a notification channel (DMs, channel posts) and scheduled events for matches',
  config: DiscordNotifyConfig,
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  permissions: { 'manage-discord': 'admin' },
  routes: { org: orgRoutes, instance: instanceRoutes },
  jobs: [wakeDeliveries, syncScheduledEvent, cleanOrphanEvents],
  subscriptions: [
    matchCreated,
    matchRescheduled,
    matchCancelled,
    matchFinished,
    matchUpdated,
    // Other plugins' events: optional, skipped when that plugin is not installed.
    roomOpened,
    roomSkipped,
    roomAtRisk,
    importFinished,
  ],
  provides: discordNotifyService,
  init: setUp,
  close: closeRuntime,
});

export type { DiscordNotifyService } from './services/service.js';
export type { MessageTemplate, TemplateLookups } from './templates/registry.js';
