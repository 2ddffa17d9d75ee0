import { fileURLToPath } from 'node:url';
import { definePlugin } from '@racedesk/core';
import { SPEEDGAMING_EVENTS } from './events.js';
import { importSchedules } from './jobs/import-schedules.js';
import { orgRoutes } from './routes/org-routes.js';
import { SpeedGamingConfig } from './schemas/plugin-config.js';
import { claimOrg, followMerge, releaseOrg } from './services/lifecycle.js';

/** SpeedGaming: imports event schedules into tournaments' matches, players and crew, and keeps them in sync. */
export const plugin = definePlugin({
  id: 'speedgaming',
  version: '0.1.0',
  core: '^0.1.0',
  description: 'Imports SpeedGaming schedules into matches, players and crew and keeps them in sync',
  config: SpeedGamingConfig,
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  events: SPEEDGAMING_EVENTS,
  permissions: { 'manage-settings': 'admin', sync: 'moderator' },
  routes: { org: orgRoutes },
  jobs: [importSchedules],
  onEnable: claimOrg,
  onDisable: releaseOrg,
  onUserMerge: followMerge,
});
