import type { Knex } from 'knex';
import { checkRoom } from '../jobs/check-room.js';
import { openRoom } from '../jobs/open-room.js';
import { readMatch } from './match-reader.js';
import { roomRepository } from './room-repository.js';
import type { RacetimeContext } from './runtime.js';
import { settingsRepository } from './settings-repository.js';

/** Hours before the open time at which the early checks run again (and warn organizers). */
export const EARLY_CHECK_HOURS = [24, 2] as const;

const openKey = (matchId: number) => `match:${matchId}`;
const checkKey = (matchId: number, hours: number) => `match:${matchId}:${hours}h`;

/**
 * Keeps each match's one-off jobs at the right time: the room opens at `scheduledAt − openMinutesBefore`
 * (job key `match:<id>`, so a reschedule moves it) and the early checks run 24 h and 2 h before that.
 * Cancelled matches, and matches whose tournament does not open rooms automatically, have no jobs.
 */
export function roomSchedule(ctx: RacetimeContext) {
  const { db, clock, scheduler } = ctx;

  async function cancel(matchId: number): Promise<void> {
    await scheduler.cancel(openRoom, openKey(matchId));
    for (const hours of EARLY_CHECK_HOURS) await scheduler.cancel(checkRoom, checkKey(matchId, hours));
  }

  const service = {
    cancel,

    /** (Re)plans one match from its current time and settings. */
    async planMatch(matchId: number): Promise<void> {
      const match = await readMatch(ctx, matchId);
      if (!match || match.cancelled || match.startedOrDone) return cancel(matchId);
      const { settings, overrides } = await settingsRepository.forMatch(db, match.tournamentId, matchId);
      if (!settings.autoCreateRooms || overrides.autoCreate === false) return cancel(matchId);
      const openAt = new Date(match.scheduledAt.getTime() - settings.openMinutesBefore * 60_000);
      const existing = await roomRepository.byMatch(db, matchId);
      if (existing?.slug) return cancel(matchId);
      await roomRepository.plan(
        db,
        { matchId, orgId: match.orgId, tournamentId: match.tournamentId, openAt },
        clock.now(),
      );
      const data = { orgId: match.orgId, matchId };
      // A room already due (late creation, or a reschedule into the window) opens now.
      await scheduler.schedule(openRoom, openAt < clock.now() ? clock.now() : openAt, data, openKey(matchId));
      for (const hours of EARLY_CHECK_HOURS) {
        const at = new Date(openAt.getTime() - hours * 3_600_000);
        if (at > clock.now())
          await scheduler.schedule(checkRoom, at, { ...data, hoursBefore: hours }, checkKey(matchId, hours));
        else await scheduler.cancel(checkRoom, checkKey(matchId, hours));
      }
    },

    /** Replans every upcoming match of a tournament (its settings changed). */
    async planTournament(tournamentId: number): Promise<void> {
      for (const id of await upcoming(db, (q) => q.where('tournament_id', tournamentId)))
        await service.planMatch(id);
    },

    /** Plans every upcoming match of an org (the plugin was turned on there). */
    async planOrg(orgId: number): Promise<void> {
      for (const id of await upcoming(db, (q) => q.where('org_id', orgId))) await service.planMatch(id);
    },

    /** Cancels the jobs of every match of an org (the plugin was turned off there). */
    async cancelOrg(orgId: number): Promise<void> {
      for (const id of await upcoming(db, (q) => q.where('org_id', orgId))) await cancel(id);
    },
  };
  return service;
}

// Read-only: the match ids to plan. The matches service lists per org with paging; ids are all we need.
async function upcoming(db: Knex, scope: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<number[]> {
  const ids = await scope(db('matches'))
    .whereNull('cancelled_at')
    .whereNull('started_at')
    .whereNull('finished_at')
    .pluck('id');
  return ids.map(Number);
}
