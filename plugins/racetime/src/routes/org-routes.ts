import type { RacedeskApp } from '@racedesk/core';
import { roomSchedule } from '../services/room-schedule.js';
import type { RacetimeContext } from '../services/runtime.js';
import { roomRoutes } from './room-routes.js';
import { settingsRoutes } from './settings-routes.js';

/** Everything under `/api/v1/orgs/:org/racetime`. */
export async function orgRoutes(app: RacedeskApp, ctx: RacetimeContext): Promise<void> {
  const schedule = roomSchedule(ctx);
  settingsRoutes(app, ctx, (scope) =>
    'tournamentId' in scope ? schedule.planTournament(scope.tournamentId) : schedule.planMatch(scope.matchId),
  );
  roomRoutes(app, ctx);
}
