import type { RacedeskApp } from '@racedesk/core';
import type { RacetimeContext } from '../services/runtime.js';
import { roomRoutes } from './room-routes.js';
import { settingsRoutes } from './settings-routes.js';

/** Everything under `/api/v1/orgs/:org/racetime`. */
export async function orgRoutes(app: RacedeskApp, ctx: RacetimeContext): Promise<void> {
  settingsRoutes(app, ctx, async () => {});
  roomRoutes(app, ctx);
}
