import { systemActor } from '@racedesk/core';
import { RoomAtRisk } from '../events.js';
import { readMatch } from './match-reader.js';
import { earlyChecks } from './room-checks.js';
import { REOPENABLE } from './room-repository.js';
import type { RacetimeContext } from './runtime.js';
import { settingsRepository } from './settings-repository.js';

/**
 * Early checks of a room not yet open: a failed one is recorded on the room (the organizer reads it
 * with the room) and announced as `racetime.room.at_risk`; a check that passes again clears it.
 */
export function roomChecker(ctx: RacetimeContext) {
  const { db, clock } = ctx;
  return {
    async checkEarly(matchId: number, hoursBefore: number): Promise<void> {
      const match = await readMatch(ctx, matchId);
      if (!match || match.cancelled || match.startedOrDone) return;
      const settings = await settingsRepository.tournament(db, match.tournamentId);
      const openAt = new Date(match.scheduledAt.getTime() - settings.openMinutesBefore * 60_000);
      const failed = await earlyChecks(db, match, settings);
      await db.transaction(async (trx) => {
        const room = await trx('racetime_match_rooms').where({ match_id: matchId }).forUpdate().first();
        if (room && !REOPENABLE.includes(room.status)) return;
        await trx('racetime_match_rooms')
          .where({ match_id: matchId })
          .update({
            skip_reason: failed?.reason ?? null,
            skip_detail: failed ? `${failed.detail} (checked ${hoursBefore} h before the room opens)` : null,
            skipped_at: failed ? clock.now() : null,
            updated_at: clock.now(),
          });
        if (!failed) return;
        await ctx.events.emit(
          RoomAtRisk,
          {
            matchId,
            tournamentId: match.tournamentId,
            ...failed,
            openAt: openAt.toISOString(),
            hoursBefore,
          },
          { actor: systemActor('racetime'), orgId: match.orgId },
          trx,
        );
      });
    },
  };
}
