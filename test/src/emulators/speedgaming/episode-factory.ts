import type { IdAllocator } from './id-allocator.js';
import { toSgTime } from './sg-time.js';
import type { SgChannel, SgCrewMember, SgEpisode, SgEvent, SgMatch, SgPlayer } from './types.js';

/** What a test may say about a player; everything else gets a plausible default. */
export type PlayerInput = Partial<SgPlayer>;
/** What a test may say about a crew member (defaults: not approved, not ready, `en`). */
export type CrewInput = Partial<SgCrewMember>;
/** What a test may say about a channel (defaults derived from `name`). */
export type ChannelInput = Partial<SgChannel>;
/** What a test may say about an event (defaults derived from `slug`). */
export type EventInput = Partial<SgEvent>;

/** What a test may say about a match; `players` default to none. */
export interface MatchInput {
  id?: number;
  title?: string;
  note?: string;
  players?: PlayerInput[];
}

/** Fields shared by people: handles derived from the display name, as on real profiles. */
function handle(displayName: string): string {
  return displayName.toLowerCase().replace(/[^a-z0-9_]/g, '');
}

/** A Discord-looking snowflake derived from the person id, so it is stable and unique. */
export function fakeSnowflake(personId: number): string {
  return String(100_000_000_000_000_000n + BigInt(personId) * 7919n);
}

/** Builds a full player object. */
export function buildPlayer(ids: IdAllocator, input: PlayerInput = {}): SgPlayer {
  const id = input.id === undefined ? ids.take('person') : ids.claim('person', input.id);
  const displayName = input.displayName ?? `Runner${id}`;
  return {
    id,
    displayName,
    discordId: input.discordId ?? fakeSnowflake(id),
    discordTag: input.discordTag ?? handle(displayName),
    publicStream: input.publicStream ?? handle(displayName),
    streamingFrom: input.streamingFrom ?? handle(displayName),
  };
}

/** Builds a full crew member object. */
export function buildCrewMember(ids: IdAllocator, input: CrewInput = {}): SgCrewMember {
  const id = input.id === undefined ? ids.take('person') : ids.claim('person', input.id);
  const displayName = input.displayName ?? `Volunteer${id}`;
  return {
    id,
    displayName,
    discordId: input.discordId ?? fakeSnowflake(id),
    discordTag: input.discordTag ?? handle(displayName),
    publicStream: input.publicStream ?? handle(displayName),
    approved: input.approved ?? false,
    ready: input.ready ?? false,
    partner: input.partner ?? '',
    language: input.language ?? 'en',
  };
}

/** Builds a full match object. */
export function buildMatch(ids: IdAllocator, input: MatchInput = {}): SgMatch {
  return {
    id: input.id === undefined ? ids.take('match') : ids.claim('match', input.id),
    title: input.title ?? '',
    note: input.note ?? '',
    players: (input.players ?? []).map((p) => buildPlayer(ids, p)),
  };
}

/** Builds a full channel object; `{ name: 'SpeedGaming2' }` is enough. */
export function buildChannel(ids: IdAllocator, input: ChannelInput = {}): SgChannel {
  const name = input.name ?? 'SpeedGaming';
  return {
    id: input.id === undefined ? ids.take('channel') : ids.claim('channel', input.id),
    name,
    slug: input.slug ?? handle(name),
    initials: input.initials ?? (name.replace(/[^A-Z0-9]/g, '') || name.slice(0, 2).toUpperCase()),
    language: input.language ?? 'en',
  };
}

/** Builds a full event object; `{ slug: 'alttprleague' }` is enough. */
export function buildEvent(ids: IdAllocator, input: EventInput = {}): SgEvent {
  const id = input.id === undefined ? ids.take('event') : ids.claim('event', input.id);
  const slug = input.slug ?? `event${id}`;
  return {
    id,
    slug,
    name: input.name ?? `${slug} Tournament`,
    shortName: input.shortName ?? slug,
    game: input.game ?? 'The Legend of Zelda: A Link to the Past',
    active: input.active ?? true,
    srtv: input.srtv ?? false,
    srl: input.srl ?? '',
    botChannel: input.botChannel ?? '',
  };
}

/** Everything a test may set when adding an episode. Times accept a `Date` or any ISO string. */
export interface EpisodeInput {
  id?: number;
  /** Event slug; created with defaults if the store does not know it yet. */
  event?: string;
  title?: string;
  when?: Date | string;
  /** Defaults to `when`. */
  whenCountdown?: Date | string;
  length?: number;
  timezone?: string;
  approved?: boolean;
  externalRestream?: boolean;
  /** Shorthand for `match1.players`; defaults to two generated runners (pass `[]` for an undrawn pairing). */
  players?: PlayerInput[];
  match1?: MatchInput;
  match2?: MatchInput | null;
  channels?: ChannelInput[];
  commentators?: CrewInput[];
  trackers?: CrewInput[];
  broadcasters?: CrewInput[];
  helpers?: CrewInput[];
}

/** Builds a full episode around an existing event; `when` must already be resolved by the caller. */
export function buildEpisode(
  ids: IdAllocator,
  event: SgEvent,
  when: Date | string,
  input: EpisodeInput = {},
): SgEpisode {
  const whenText = toSgTime(when);
  const crew = (list: CrewInput[] | undefined) => (list ?? []).map((c) => buildCrewMember(ids, c));
  return {
    id: input.id === undefined ? ids.take('episode') : ids.claim('episode', input.id),
    title: input.title ?? '',
    when: whenText,
    whenCountdown: input.whenCountdown === undefined ? whenText : toSgTime(input.whenCountdown),
    length: input.length ?? 90,
    timezone: input.timezone ?? '',
    approved: input.approved ?? true,
    externalRestream: input.externalRestream ?? false,
    event,
    match1: buildMatch(ids, { ...input.match1, players: input.match1?.players ?? input.players ?? [{}, {}] }),
    match2: input.match2 ? buildMatch(ids, input.match2) : null,
    channels: (input.channels ?? []).map((c) => buildChannel(ids, c)),
    commentators: crew(input.commentators),
    trackers: crew(input.trackers),
    broadcasters: crew(input.broadcasters),
    helpers: crew(input.helpers),
  };
}
