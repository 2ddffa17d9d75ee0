import { type Database, notFound } from '@racedesk/core';
import type { Knex } from 'knex';
import type { ImportCrewRole } from './episode-mapping-types.js';

type Executor = Database | Knex.Transaction;

/** A tournament's import settings as the sync uses them (durations in seconds). */
export interface ImportSettings {
  tournamentId: number;
  orgId: number;
  importEnabled: boolean;
  eventSlugs: string[];
  windowBeforeS: number;
  windowAfterS: number;
  intervalS: number;
  crewRoles: ImportCrewRole[];
  racetimeAutoRooms: boolean | null;
  nextRunAt: Date | null;
  failures: number;
}

interface Row {
  tournament_id: number;
  org_id: number;
  import_enabled: boolean;
  event_slugs: string[];
  window_before_s: number;
  window_after_s: number;
  interval_s: number;
  crew_roles: ImportCrewRole[];
  racetime_auto_rooms: boolean | null;
  next_run_at: Date | null;
  failures: number;
}

const fromRow = (r: Row): ImportSettings => ({
  tournamentId: Number(r.tournament_id),
  orgId: Number(r.org_id),
  importEnabled: r.import_enabled,
  eventSlugs: r.event_slugs,
  windowBeforeS: r.window_before_s,
  windowAfterS: r.window_after_s,
  intervalS: r.interval_s,
  crewRoles: r.crew_roles,
  racetimeAutoRooms: r.racetime_auto_rooms,
  nextRunAt: r.next_run_at,
  failures: r.failures,
});

/** Defaults of a tournament nobody configured yet (the window: now − 2 h to now + 7 days). */
export const defaultSettings = (orgId: number, tournamentId: number): ImportSettings => ({
  tournamentId,
  orgId,
  importEnabled: false,
  eventSlugs: [],
  windowBeforeS: 2 * 3600,
  windowAfterS: 7 * 86_400,
  intervalS: 300,
  crewRoles: ['commentator', 'tracker'],
  racetimeAutoRooms: null,
  nextRunAt: null,
  failures: 0,
});

/** `speedgaming_tournament_settings`. */
export const settingsRepository = {
  /** The tournament's settings (defaults when none are stored); 404 when it is not the org's. */
  async get(db: Executor, orgId: number, tournamentId: number): Promise<ImportSettings> {
    const tournament = await db('tournaments').where({ id: tournamentId, org_id: orgId }).first('id');
    if (!tournament) throw notFound('RD_TOURNAMENT_NOT_FOUND', `No tournament ${tournamentId}`);
    const row = (await db('speedgaming_tournament_settings')
      .where({ tournament_id: tournamentId })
      .first()) as Row | undefined;
    return row ? fromRow(row) : defaultSettings(orgId, tournamentId);
  },

  async save(db: Executor, s: ImportSettings, now: Date): Promise<void> {
    const row = {
      tournament_id: s.tournamentId,
      org_id: s.orgId,
      import_enabled: s.importEnabled,
      event_slugs: s.eventSlugs,
      window_before_s: s.windowBeforeS,
      window_after_s: s.windowAfterS,
      interval_s: s.intervalS,
      crew_roles: s.crewRoles,
      racetime_auto_rooms: s.racetimeAutoRooms,
      next_run_at: s.nextRunAt,
      failures: s.failures,
      updated_at: now,
    };
    await db('speedgaming_tournament_settings').insert(row).onConflict('tournament_id').merge();
  },

  /** Tournaments with import on whose next run is due, in orgs that have the plugin on. */
  async due(db: Executor, orgIds: number[], now: Date): Promise<ImportSettings[]> {
    if (!orgIds.length) return [];
    const rows = (await db('speedgaming_tournament_settings as s')
      .join('tournaments as t', 't.id', 's.tournament_id')
      .whereIn('s.org_id', orgIds)
      .where('s.import_enabled', true)
      .whereNull('t.archived_at')
      .where((w) => w.whereNull('s.next_run_at').orWhere('s.next_run_at', '<=', now))
      .orderBy('s.tournament_id')
      .select('s.*')) as Row[];
    return rows.map(fromRow);
  },

  /** Records the outcome of a run: the next due time, and the failure count for backoff. */
  async scheduleNext(db: Executor, tournamentId: number, nextRunAt: Date, failures: number): Promise<void> {
    await db('speedgaming_tournament_settings')
      .where({ tournament_id: tournamentId })
      .update({ next_run_at: nextRunAt, failures });
  },
};
