import { type Static, Type } from 'typebox';

/**
 * The wire shape of one SpeedGaming episode (reference §3.2), as checked before parsing.
 * Strict on every field the sync derives state from: a missing crew list or `match2` key must not
 * read as "everyone left". Lenient (optional) on fields Racedesk only displays. Free-text strings
 * may be `null` although SG sends `""`, since both mean "unset" and neither is worth rejecting.
 * Unknown extra keys are allowed: SG adds fields without notice.
 */

const Id = Type.Integer({ description: 'SpeedGaming numeric id' });
const Text = Type.Union([Type.String(), Type.Null()]);
const OptionalText = Type.Optional(Text);

const PersonFields = {
  id: Id,
  displayName: Text,
  discordId: Text,
  discordTag: Text,
  publicStream: Text,
};

/** A runner of `match1`/`match2`. */
export const WirePlayer = Type.Object({ ...PersonFields, streamingFrom: Text });
/** A commentator, tracker, broadcaster or helper. */
export const WireCrewMember = Type.Object({
  ...PersonFields,
  approved: Type.Boolean(),
  ready: Type.Optional(Type.Boolean()),
  partner: OptionalText,
  language: OptionalText,
});
/** `match1` or `match2`. */
export const WireMatch = Type.Object({ id: Id, title: Text, note: Text, players: Type.Array(WirePlayer) });
/** A restream channel. */
export const WireChannel = Type.Object({
  id: Id,
  name: Type.String(),
  slug: OptionalText,
  initials: OptionalText,
  language: OptionalText,
});
/** The event every episode embeds. */
export const WireEvent = Type.Object({
  id: Id,
  slug: Type.String(),
  name: OptionalText,
  shortName: OptionalText,
  game: OptionalText,
  active: Type.Optional(Type.Boolean()),
});

/** One episode of `/api/schedule/` or `/api/episode/`. */
export const WireEpisode = Type.Object({
  id: Id,
  title: Text,
  when: Type.String(),
  whenCountdown: Type.String(),
  length: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  timezone: OptionalText,
  approved: Type.Boolean(),
  externalRestream: Type.Optional(Type.Boolean()),
  event: WireEvent,
  match1: WireMatch,
  match2: Type.Union([WireMatch, Type.Null()]),
  channels: Type.Array(WireChannel),
  commentators: Type.Array(WireCrewMember),
  trackers: Type.Array(WireCrewMember),
  broadcasters: Type.Array(WireCrewMember),
  helpers: Type.Optional(Type.Array(WireCrewMember)),
});

/** An episode that passed {@link WireEpisode}. */
export type WireEpisode = Static<typeof WireEpisode>;
/** A player that passed {@link WirePlayer}. */
export type WirePlayer = Static<typeof WirePlayer>;
/** A crew member that passed {@link WireCrewMember}. */
export type WireCrewMember = Static<typeof WireCrewMember>;
/** A match that passed {@link WireMatch}. */
export type WireMatch = Static<typeof WireMatch>;
