/**
 * The normalized import record of one SpeedGaming episode: what the sync writes into the core's
 * match, match players, crew and stream channels, and what {@link diffImport} compares.
 */

/** Crew roles Racedesk imports, in core terms (SG "broadcasters" are core restreamers). */
export const IMPORT_CREW_ROLES = ['commentator', 'tracker', 'restreamer'] as const;
/** A core crew role an SG crew list maps to. */
export type ImportCrewRole = (typeof IMPORT_CREW_ROLES)[number];

/** Settings that shape the mapping (from the tournament's speedgaming settings). */
export interface EpisodeMappingOptions {
  /** Crew roles to import; the others are left out. */
  crewRoles: readonly ImportCrewRole[];
  /** Leave out crew whose signup SG staff have not approved (SahaBot2's behaviour). Default false. */
  approvedCrewOnly?: boolean;
}

/** A person as Racedesk identifies them: by SG id, linked to a user by Discord id when known. */
export interface ImportPerson {
  /** SpeedGaming person id: the key for placeholder users. */
  sgId: number;
  /** A valid Discord snowflake, or `null` (unlinked or malformed in SG). */
  discordId: string | null;
  /** Discord username as SG has it, legacy `#0` suffix removed. */
  discordTag: string | null;
  /** Name to show: `streamingFrom`, `publicStream`, `displayName` (reference §7.2), then Discord tag, then `SG #id`. */
  displayName: string;
  /** The SG profile display name, unchanged. */
  sgDisplayName: string | null;
}

/** A runner; the array order of {@link EpisodeImport.players} is the seat order. */
export interface ImportPlayer extends ImportPerson {
  /** 1 for `match1`, 2 for the second match of a doubleheader. */
  match: 1 | 2;
  /** Twitch login the runner streams from. */
  twitch: string | null;
}

/** A volunteer with the role they signed up for. */
export interface ImportCrew extends ImportPerson {
  role: ImportCrewRole;
  /** SG staff accepted the signup. */
  approved: boolean;
  /** The volunteer confirmed. */
  ready: boolean;
  language: string | null;
}

/** A restream channel; `name` identifies it (SahaBot2 finds channels by name). */
export interface ImportChannel {
  name: string;
  slug: string | null;
  language: string | null;
  /** `https://twitch.tv/{slug}`, or `null` without a slug. */
  url: string | null;
}

/** Something in the episode an organizer should know about; the sync records each one. */
export type ImportNote =
  | { kind: 'invalid_discord_id'; sgId: number; value: string }
  | { kind: 'bracket_placeholder'; sgId: number; displayName: string }
  | { kind: 'ignored_player'; sgId: number }
  | { kind: 'duplicate_player'; sgId: number }
  | { kind: 'unconfirmed_time'; timezone: string }
  | { kind: 'no_players' };

/** One episode, normalized for import. */
export interface EpisodeImport {
  /** SG episode id: the match's external id. */
  externalId: number;
  eventSlug: string;
  /** First non-empty of the episode title, match titles, match notes (reference §3.3); else `null`. */
  title: string | null;
  /** Race start (`whenCountdown`), UTC: rooms and reminders are timed from it. */
  scheduledAt: Date;
  /** Restream airtime (`when`), UTC. */
  airtime: Date;
  lengthMinutes: number | null;
  /** False while SG's `timezone` flag says the submitted time is still unreliable (reference §3.3). */
  timeConfirmed: boolean;
  /** SG staff approved the episode. */
  approved: boolean;
  /** SG match ids, `match1` first. */
  sgMatchIds: number[];
  /** Runners of `match1`, then `match2`, in SG's order; placeholders and ignored runners left out. */
  players: ImportPlayer[];
  crew: ImportCrew[];
  channels: ImportChannel[];
  notes: ImportNote[];
}
