import { conflict, ErrorResponse, type RacedeskApp } from '@racedesk/core';
import { Type } from 'typebox';
import { StaleMatch, SyncListQuery, SyncPage, SyncProblem, SyncRecord } from '../schemas/sync-record.js';
import { TournamentParams } from '../schemas/tournament-settings.js';
import { episodeStore } from '../services/episode-store.js';
import { runSync } from '../services/run-sync.js';
import { settingsRepository } from '../services/settings-repository.js';
import type { SgContext } from '../services/sg-context.js';
import { staleMatches } from '../services/stale-marker.js';
import { syncRecords } from '../services/sync-records.js';

const tags = ['speedgaming'];

/** Sync now, the sync log, stale matches and matches with a sync problem. */
export function syncRoutes(app: RacedeskApp, ctx: SgContext): void {
  app.post(
    '/tournaments/:id/sync',
    {
      config: { permission: 'sync' },
      schema: {
        tags,
        summary: "Import the tournament's SpeedGaming schedule now; answers the run's record and counts",
        description:
          'A run whose SpeedGaming request failed answers 200 with status "failed" and changed nothing. 429 when an event was polled less than a minute ago.',
        params: TournamentParams,
        response: { 200: SyncRecord, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const settings = await settingsRepository.get(ctx.db, request.racedesk.org!.id, request.params.id);
      if (!settings.importEnabled)
        throw conflict('RD_SPEEDGAMING_IMPORT_OFF', 'The SpeedGaming import of this tournament is off');
      return runSync(ctx, settings, 'manual');
    },
  );
  app.get(
    '/syncs',
    {
      schema: {
        tags,
        summary:
          'Import runs of the organization, newest first, with the episodes each could not import and why',
        params: Type.Object({ org: Type.String() }),
        querystring: SyncListQuery,
        response: { 200: SyncPage },
      },
    },
    async (request) => syncRecords.list(ctx.db, request.racedesk.org!.id, request.query),
  );
  app.get(
    '/tournaments/:id/stale',
    {
      schema: {
        tags,
        summary: 'Imported matches more than 4 h past their time with no result, for organizers to resolve',
        params: TournamentParams,
        response: { 200: Type.Array(StaleMatch), 404: ErrorResponse },
      },
    },
    async (request) => {
      await settingsRepository.get(ctx.db, request.racedesk.org!.id, request.params.id);
      return staleMatches(ctx, request.racedesk.org!.id, request.params.id);
    },
  );
  app.get(
    '/tournaments/:id/problems',
    {
      schema: {
        tags,
        summary:
          'Imported matches SpeedGaming data could not be applied to (e.g. every player removed), kept as they were',
        description: 'A problem clears by itself once SpeedGaming is back in sync with the match.',
        params: TournamentParams,
        response: { 200: Type.Array(SyncProblem), 404: ErrorResponse },
      },
    },
    async (request) => {
      await settingsRepository.get(ctx.db, request.racedesk.org!.id, request.params.id);
      return episodeStore.problems(ctx.db, request.racedesk.org!.id, request.params.id);
    },
  );
}
