import type { RacedeskApp } from '@racedesk/core';
import type { SgContext } from '../services/sg-context.js';
import { settingsRoutes } from './settings-routes.js';
import { syncRoutes } from './sync-routes.js';

/** Everything under `/api/v1/orgs/:org/speedgaming`. */
export async function orgRoutes(app: RacedeskApp, ctx: SgContext): Promise<void> {
  settingsRoutes(app, ctx);
  syncRoutes(app, ctx);
}
