import type { RacedeskApp } from '@racedesk/core';
import type { RacetimeContext } from '../services/runtime.js';
import { botRoutes } from './bot-routes.js';

/** Everything under `/api/v1/racetime`. */
export async function instanceRoutes(app: RacedeskApp, ctx: RacetimeContext): Promise<void> {
  botRoutes(app, ctx);
}
