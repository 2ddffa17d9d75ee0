/**
 * Wire shapes of the SpeedGaming schedule API (reference §3.2). Every key is always present;
 * unset scalars are `""`, and `match2` is the only nullable field.
 */

/** An SG event as embedded in each episode and served by `/api/event/`. */
export interface SgEvent {
  id: number;
  slug: string;
  name: string;
  shortName: string;
  game: string;
  active: boolean;
  srtv: boolean;
  srl: string;
  botChannel: string;
}

/** A runner in `match1.players` / `match2.players`. */
export interface SgPlayer {
  id: number;
  displayName: string;
  /** Discord snowflake as a string, `""` when unlinked. */
  discordId: string;
  discordTag: string;
  publicStream: string;
  streamingFrom: string;
}

/** A volunteer in `commentators`, `trackers`, `broadcasters` or `helpers`. */
export interface SgCrewMember {
  id: number;
  displayName: string;
  discordId: string;
  discordTag: string;
  publicStream: string;
  approved: boolean;
  ready: boolean;
  partner: string;
  language: string;
}

/** `match1` or `match2` of an episode. */
export interface SgMatch {
  id: number;
  title: string;
  note: string;
  players: SgPlayer[];
}

/** A restream channel. */
export interface SgChannel {
  id: number;
  name: string;
  slug: string;
  initials: string;
  language: string;
}

/** One scheduled airtime slot, as served by `/api/schedule` and `/api/episode`. */
export interface SgEpisode {
  id: number;
  title: string;
  /** Airtime, `YYYY-MM-DDTHH:MM:SS+00:00` (no fractions, numeric offset). */
  when: string;
  /** Race start, same format; may differ from `when`. */
  whenCountdown: string;
  length: number;
  timezone: string;
  approved: boolean;
  externalRestream: boolean;
  event: SgEvent;
  match1: SgMatch;
  match2: SgMatch | null;
  channels: SgChannel[];
  commentators: SgCrewMember[];
  trackers: SgCrewMember[];
  broadcasters: SgCrewMember[];
  helpers: SgCrewMember[];
}

/** The four crew lists of an episode. */
export type CrewRole = 'commentators' | 'trackers' | 'broadcasters' | 'helpers';

/** Which match of a (possibly doubleheader) episode. */
export type MatchSlot = 'match1' | 'match2';

/** The error object SG answers with HTTP 200 (reference §2). */
export interface SgErrorBody {
  error: string;
}
