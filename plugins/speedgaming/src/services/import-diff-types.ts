import type { ImportChannel, ImportCrew, ImportCrewRole, ImportPlayer } from './episode-mapping-types.js';

/** A field of a person that changed between two syncs. */
export interface PersonFieldChange {
  field: 'discordId' | 'discordTag' | 'displayName' | 'match';
  from: string | number | null;
  to: string | number | null;
}

/**
 * One difference between two imports of the same episode. The sync turns each into a core write
 * and event (e.g. `rescheduled` → `core.match.rescheduled`).
 */
export type ImportChange =
  /** Race start and/or airtime moved. */
  | { kind: 'rescheduled'; from: Date; to: Date; airtimeFrom: Date; airtimeTo: Date }
  | { kind: 'retitled'; from: string | null; to: string | null }
  /** SG staff approved or unapproved the episode. */
  | { kind: 'approval_changed'; approved: boolean }
  /** SG's `timezone` flag was set or cleared. */
  | { kind: 'time_confirmation_changed'; confirmed: boolean }
  /** A runner joined; `position` is their 0-based seat in the new order. */
  | { kind: 'player_added'; player: ImportPlayer; position: number }
  | { kind: 'player_removed'; player: ImportPlayer }
  /** The runners present in both imports changed order (SG ids, old and new order). */
  | { kind: 'players_reordered'; from: number[]; to: number[] }
  /** A runner's identity data changed, e.g. a Discord id appeared (upgrade a placeholder user). */
  | { kind: 'player_changed'; player: ImportPlayer; changes: PersonFieldChange[] }
  | { kind: 'crew_added'; member: ImportCrew }
  | { kind: 'crew_removed'; member: ImportCrew }
  /** SG staff approved or withdrew approval of a crew signup. */
  | { kind: 'crew_approval_changed'; member: ImportCrew; approved: boolean }
  | { kind: 'crew_changed'; member: ImportCrew; changes: PersonFieldChange[] }
  /** Restream channels changed (by name); `from`/`to` are the whole lists in SG's order. */
  | {
      kind: 'channels_changed';
      from: ImportChannel[];
      to: ImportChannel[];
      added: string[];
      removed: string[];
    };

/** The kinds of {@link ImportChange}. */
export type ImportChangeKind = ImportChange['kind'];

/** Crew are keyed by role and SG id: one person may commentate and track the same episode. */
export const crewKey = (member: { role: ImportCrewRole; sgId: number }): string =>
  `${member.role}:${member.sgId}`;
