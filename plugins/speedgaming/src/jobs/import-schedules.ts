import { defineJob } from '@racedesk/core';
import { PollTooSoonError, runSync } from '../services/run-sync.js';
import { settingsRepository } from '../services/settings-repository.js';
import type { SgContext } from '../services/sg-context.js';

/**
 * Every minute: imports each tournament whose interval (default 5 min) or backoff has run out. The
 * per-event poll slot keeps it to one request a minute per event even with several instances.
 */
export const importSchedules = defineJob<Record<string, never>, SgContext>({
  name: 'import-schedules',
  description: 'Imports due SpeedGaming schedules into their tournaments',
  every: '1 minute',
  async handler(_run, ctx) {
    const due = await settingsRepository.due(ctx.db, await ctx.enablement.enabledOrgs(), ctx.clock.now());
    for (const settings of due) {
      try {
        await runSync(ctx, settings, 'job');
      } catch (error) {
        if (error instanceof PollTooSoonError) {
          await settingsRepository.scheduleNext(
            ctx.db,
            settings.tournamentId,
            error.retryAt,
            settings.failures,
          );
        } else
          ctx.logger.error({ err: error, tournamentId: settings.tournamentId }, 'SpeedGaming import crashed');
      }
    }
  },
});
