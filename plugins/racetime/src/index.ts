import { fileURLToPath } from 'node:url';
import { definePlugin } from '@racedesk/core';
import { RACETIME_EVENTS } from './events.js';
import { checkRoom } from './jobs/check-room.js';
import { followRooms } from './jobs/follow-rooms.js';
import { openRoom } from './jobs/open-room.js';
import { sweepRooms } from './jobs/sweep-rooms.js';
import { accountRoutes } from './routes/account-routes.js';
import { instanceRoutes } from './routes/instance-routes.js';
import { orgRoutes } from './routes/org-routes.js';
import { RacetimeConfig } from './schemas/plugin-config.js';
import { disableForOrg, enableForOrg, initRacetime } from './services/lifecycle.js';
import { racetimeService } from './services/racetime-service.js';
import { closeRuntime } from './services/runtime.js';
import { applyAutoRoomsOnEpisodeImported } from './subscribers/apply-auto-rooms-on-episode-imported.js';
import { cancelRoomOnMatchCancelled } from './subscribers/cancel-room-on-match-cancelled.js';
import { moveRoomOnMatchRescheduled } from './subscribers/move-room-on-match-rescheduled.js';
import { planRoomOnMatchCreated } from './subscribers/plan-room-on-match-created.js';

export type { ChatCommand, ChatCommandInput } from './services/chat-commands.js';
export type { RacetimeService } from './services/racetime-service.js';

/** racetime.gg: category bots, automatic match rooms, live room tracking, results, account linking. */
export const plugin = definePlugin({
  id: 'racetime',
  version: '0.1.0',
  core: '^0.1.0',
  description: 'racetime.gg category bots: opens race rooms for matches, follows them and records results',
  config: RacetimeConfig,
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  events: RACETIME_EVENTS,
  permissions: { 'manage-settings': 'admin', 'open-room': 'moderator' },
  routes: { org: orgRoutes, instance: instanceRoutes, me: accountRoutes },
  jobs: [openRoom, checkRoom, sweepRooms, followRooms],
  subscriptions: [
    planRoomOnMatchCreated,
    moveRoomOnMatchRescheduled,
    cancelRoomOnMatchCancelled,
    applyAutoRoomsOnEpisodeImported,
  ],
  provides: racetimeService,
  init: initRacetime,
  onEnable: enableForOrg,
  onDisable: disableForOrg,
  close: closeRuntime,
});
