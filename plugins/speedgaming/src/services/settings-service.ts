import { type Actor, conflict, unprocessable } from '@racedesk/core';
import type { Knex } from 'knex';
import type { TournamentSettingsChange, TournamentSettingsView } from '../schemas/tournament-settings.js';
import { episodeStore } from './episode-store.js';
import { OWNED, OWNED_REASON } from './episode-writer.js';
import { durationSeconds, isoDuration } from './iso-duration.js';
import { type ImportSettings, settingsRepository } from './settings-repository.js';
import type { SgContext } from './sg-context.js';

/** Settings as the API shows them. */
export const settingsView = (s: ImportSettings): TournamentSettingsView => ({
  tournamentId: s.tournamentId,
  importEnabled: s.importEnabled,
  eventSlugs: s.eventSlugs,
  windowBefore: isoDuration(s.windowBeforeS),
  windowAfter: isoDuration(s.windowAfterS),
  interval: isoDuration(s.intervalS),
  crewRoles: s.crewRoles,
  racetimeAutoRooms: s.racetimeAutoRooms,
  nextRunAt: s.nextRunAt?.toISOString() ?? null,
});

function seconds(text: string | undefined, field: string, current: number, min: number, max: number): number {
  if (text === undefined) return current;
  const value = durationSeconds(text);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw unprocessable(
      'RD_SPEEDGAMING_SETTINGS',
      `${field} must be between ${isoDuration(min)} and ${isoDuration(max)}`,
      { field },
    );
  }
  return value;
}

/** Claims (import on) or releases (off) what SpeedGaming owns on the tournament's imported matches. */
export async function applyOwnership(
  ctx: SgContext,
  matchIds: number[],
  owned: boolean,
  trx: Knex.Transaction,
) {
  const automation = ctx.domain.matches.automation;
  for (const matchId of matchIds) {
    if (owned) await automation.claim(ctx.id, { matchId }, [...OWNED], OWNED_REASON, trx);
    else await automation.release(ctx.id, { matchId }, trx);
  }
}

/** Org admins' SpeedGaming settings of a tournament. */
export function settingsService(ctx: SgContext) {
  const { db, clock } = ctx;
  return {
    async get(orgId: number, tournamentId: number): Promise<TournamentSettingsView> {
      return settingsView(await settingsRepository.get(db, orgId, tournamentId));
    },

    async put(
      orgId: number,
      tournamentId: number,
      change: TournamentSettingsChange,
      actor: Actor,
    ): Promise<TournamentSettingsView> {
      return db.transaction(async (trx) => {
        const current = await settingsRepository.get(trx, orgId, tournamentId);
        const next: ImportSettings = {
          ...current,
          importEnabled: change.importEnabled ?? current.importEnabled,
          eventSlugs: change.eventSlugs ?? current.eventSlugs,
          windowBeforeS: seconds(change.windowBefore, 'windowBefore', current.windowBeforeS, 0, 7 * 86_400),
          windowAfterS: seconds(change.windowAfter, 'windowAfter', current.windowAfterS, 3600, 60 * 86_400),
          intervalS: seconds(change.interval, 'interval', current.intervalS, 60, 86_400),
          crewRoles: change.crewRoles ?? current.crewRoles,
          racetimeAutoRooms:
            change.racetimeAutoRooms === undefined ? current.racetimeAutoRooms : change.racetimeAutoRooms,
        };
        if (next.importEnabled && next.eventSlugs.length === 0) {
          throw conflict(
            'RD_SPEEDGAMING_NO_EVENT',
            'Name at least one SpeedGaming event slug before turning the import on',
          );
        }
        // Turning the import on (or changing what it reads) makes it due at once.
        if (next.importEnabled && (!current.importEnabled || change.eventSlugs)) next.nextRunAt = clock.now();
        await settingsRepository.save(trx, next, clock.now());
        // Back on: matches may have been edited by hand meanwhile, so the next run rewrites them all.
        if (next.importEnabled && !current.importEnabled) await episodeStore.forceRewrite(trx, tournamentId);
        if (next.importEnabled !== current.importEnabled) {
          await applyOwnership(
            ctx,
            await episodeStore.matchIds(trx, { tournamentId }),
            next.importEnabled,
            trx,
          );
        }
        await ctx.audit.record(
          {
            orgId,
            actor,
            action: 'speedgaming.settings_updated',
            target: { type: 'tournament', id: tournamentId },
            details: { ...change },
          },
          trx,
        );
        return settingsView(next);
      });
    },
  };
}
