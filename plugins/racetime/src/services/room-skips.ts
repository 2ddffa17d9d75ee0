import { systemActor } from '@racedesk/core';
import type { Knex } from 'knex';
import { RoomSkipped } from '../events.js';
import { openRoom } from '../jobs/open-room.js';
import type { MatchFacts } from './match-reader.js';
import type { FailedCheck } from './room-checks.js';
import { REOPENABLE } from './room-repository.js';
import type { RacetimeContext } from './runtime.js';

const actor = systemActor('racetime');
const MAX_RETRY_MS = 5 * 60_000;
const FIRST_RETRY_MS = 5_000;

/** Delay before retry number `failures` (1-based): 5 s doubling, capped at 5 minutes. */
export const retryDelay = (failures: number) =>
  Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));

/**
 * Records why a room did not open, where organizers read it (`GET .../matches/:id/room`), and
 * announces it once per reason (`racetime.room.skipped`; sweeps finding the same reason stay quiet).
 */
export function roomSkips(ctx: RacetimeContext) {
  const { db, clock } = ctx;

  async function announce(match: MatchFacts, check: FailedCheck, openAt: Date | null, trx: Knex.Transaction) {
    await ctx.events.emit(
      RoomSkipped,
      {
        matchId: match.id,
        tournamentId: match.tournamentId,
        ...check,
        openAt: openAt?.toISOString() ?? null,
      },
      { actor, orgId: match.orgId },
      trx,
    );
  }

  return {
    /**
     * A check failed: the room is `skipped` with the reason. `fromStatus` lets an opener give up its own
     * claim (`opening`); otherwise only a room that may still be opened is marked.
     */
    async skip(match: MatchFacts, check: FailedCheck, openAt: Date | null, fromStatus = REOPENABLE) {
      await db.transaction(async (trx) => {
        const before = await trx('racetime_match_rooms').where({ match_id: match.id }).forUpdate().first();
        if (before && !fromStatus.includes(before.status)) return;
        const now = clock.now();
        const fields = {
          status: 'skipped',
          skip_reason: check.reason,
          skip_detail: check.detail,
          skipped_at: now,
          claimed_by: null,
          retry_at: null,
          updated_at: now,
        };
        if (before) await trx('racetime_match_rooms').where({ id: before.id }).update(fields);
        else
          await trx('racetime_match_rooms').insert({
            match_id: match.id,
            org_id: match.orgId,
            tournament_id: match.tournamentId,
            open_at: openAt,
            created_at: now,
            ...fields,
          });
        if (before?.skip_reason === check.reason && before.status === 'skipped') return;
        await announce(match, check, openAt, trx);
      });
    },

    /**
     * racetime.gg failed (timeout, 5xx, unreachable): the room is `failed`, retried with backoff by the
     * open-room job, and the first failure of a streak is announced.
     */
    async fail(match: MatchFacts, roomId: number, error: Error, openAt: Date | null, retry: boolean) {
      const now = clock.now();
      const retryAt = await db.transaction(async (trx) => {
        const row = await trx('racetime_match_rooms').where({ id: roomId }).forUpdate().first();
        const failures = Number(row?.failures ?? 0) + 1;
        const at = new Date(now.getTime() + retryDelay(failures));
        const check: FailedCheck = { reason: 'racetime_unavailable', detail: error.message };
        await trx('racetime_match_rooms')
          .where({ id: roomId })
          .update({
            status: 'failed',
            failures,
            retry_at: retry ? at : null,
            skip_reason: check.reason,
            skip_detail: `${check.detail} (attempt ${failures}${retry ? `, next at ${at.toISOString()}` : ''})`,
            skipped_at: now,
            claimed_by: null,
            updated_at: now,
          });
        if (failures === 1) await announce(match, check, openAt, trx);
        return at;
      });
      if (retry)
        await ctx.scheduler.schedule(
          openRoom,
          retryAt,
          { orgId: match.orgId, matchId: match.id },
          `match:${match.id}`,
        );
    },
  };
}
