/**
 * Episodes as the client hands them out: typed, times as UTC `Date`s, and SG's `""` for "unset"
 * turned into `null` so no caller mistakes an empty string for a value.
 */

/** Fields every SG person (runner or volunteer) has. */
export interface ParsedPerson {
  /** SpeedGaming person id, stable across episodes. */
  id: number;
  displayName: string | null;
  /** Discord snowflake exactly as SG sent it (may be malformed; the mapping validates it). */
  discordId: string | null;
  discordTag: string | null;
  publicStream: string | null;
}

/** A runner. */
export interface ParsedPlayer extends ParsedPerson {
  /** Twitch login the runner streams from. */
  streamingFrom: string | null;
}

/** A volunteer: `approved` = staff accepted the signup, `ready` = the volunteer confirmed. */
export interface ParsedCrewMember extends ParsedPerson {
  approved: boolean;
  ready: boolean;
  partner: string | null;
  language: string | null;
}

/** `match1` or `match2` of an episode. */
export interface ParsedMatch {
  id: number;
  title: string | null;
  note: string | null;
  players: ParsedPlayer[];
}

/** A restream channel; `slug` is the Twitch login. */
export interface ParsedChannel {
  id: number;
  name: string;
  slug: string | null;
  initials: string | null;
  language: string | null;
}

/** The SG event an episode belongs to. */
export interface ParsedEvent {
  id: number;
  slug: string;
  name: string | null;
  shortName: string | null;
  game: string | null;
  active: boolean;
}

/** One SpeedGaming episode (an airtime slot; a doubleheader has `match2`). */
export interface ParsedEpisode {
  id: number;
  title: string | null;
  /** Airtime (restream start), UTC. */
  when: Date;
  /** Race start, UTC; may differ from `when` (reference §3.3). */
  whenCountdown: Date;
  lengthMinutes: number | null;
  /** Non-null means the submitter typed a local time and the times are unreliable (reference §3.3). */
  timezone: string | null;
  approved: boolean;
  externalRestream: boolean;
  event: ParsedEvent;
  match1: ParsedMatch;
  match2: ParsedMatch | null;
  channels: ParsedChannel[];
  commentators: ParsedCrewMember[];
  trackers: ParsedCrewMember[];
  broadcasters: ParsedCrewMember[];
  helpers: ParsedCrewMember[];
}
