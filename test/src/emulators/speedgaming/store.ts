import type { Clock } from '@racedesk/core';
import {
  buildChannel,
  buildCrewMember,
  buildEpisode,
  buildEvent,
  buildMatch,
  buildPlayer,
  type ChannelInput,
  type CrewInput,
  type EpisodeInput,
  type EventInput,
  type MatchInput,
  type PlayerInput,
} from './episode-factory.js';
import { IdAllocator } from './id-allocator.js';
import { parseIsoInstant, toSgTime } from './sg-time.js';
import type { CrewRole, MatchSlot, SgEpisode, SgEvent, SgMatch } from './types.js';

/** Scalar episode fields a test may overwrite with `updateEpisode`. */
export type EpisodePatch = Partial<
  Pick<SgEpisode, 'title' | 'length' | 'timezone' | 'approved' | 'externalRestream'>
>;

const HOUR = 3_600_000;

/**
 * The emulator's data: events and episodes that tests change between polls. Reads return deep
 * copies, so the only way to change what the server answers is through these methods.
 */
export class SpeedGamingStore {
  /** Id sequences; the bulk generator shares them so its ids never collide with a test's. */
  readonly ids = new IdAllocator();
  private readonly events = new Map<string, SgEvent>();
  private readonly episodes = new Map<number, SgEpisode>();

  constructor(private readonly clock: Clock) {}

  /** Adds an event (or returns the existing one with that slug, unchanged). */
  addEvent(input: EventInput = {}): SgEvent {
    const existing = input.slug === undefined ? undefined : this.events.get(input.slug);
    if (existing) return structuredClone(existing);
    const event = buildEvent(this.ids, input);
    this.events.set(event.slug, event);
    return structuredClone(event);
  }

  /** Changes an event; every episode of it shows the change (they share the event object). */
  updateEvent(slug: string, patch: Omit<EventInput, 'id' | 'slug'>): SgEvent {
    const event = this.events.get(slug);
    if (!event) throw new Error(`SpeedGaming emulator: no event "${slug}"`);
    Object.assign(event, patch);
    return structuredClone(event);
  }

  /** The event with `slug`, if any. */
  getEvent(slug: string): SgEvent | undefined {
    const event = this.events.get(slug);
    return event && structuredClone(event);
  }

  /** Every event, in creation order. */
  listEvents(): SgEvent[] {
    return [...this.events.values()].map((e) => structuredClone(e));
  }

  /**
   * Adds an episode. Defaults: the first known event (an `alttprleague` event is created if there is
   * none), airtime at the top of the hour after next, 90 minutes, approved, two generated runners.
   */
  addEpisode(input: EpisodeInput = {}): SgEpisode {
    if (input.id !== undefined && this.episodes.has(input.id)) {
      throw new Error(`SpeedGaming emulator: episode ${input.id} already exists`);
    }
    const event = this.resolveEvent(input.event);
    const episode = buildEpisode(this.ids, event, input.when ?? this.defaultWhen(), input);
    this.episodes.set(episode.id, episode);
    return structuredClone(episode);
  }

  /** Stores ready-built episodes as they are (the bulk generator's fast path). */
  insertEpisodes(episodes: Iterable<SgEpisode>): void {
    for (const episode of episodes) {
      if (!this.events.has(episode.event.slug)) this.events.set(episode.event.slug, episode.event);
      episode.event = this.events.get(episode.event.slug)!;
      this.episodes.set(episode.id, episode);
    }
  }

  /** A copy of one episode, or `undefined` once deleted. */
  getEpisode(id: number): SgEpisode | undefined {
    const episode = this.episodes.get(id);
    return episode && structuredClone(episode);
  }

  /** Copies of every episode, in insertion order. */
  listEpisodes(): SgEpisode[] {
    return [...this.episodes.values()].map((e) => structuredClone(e));
  }

  /** Number of stored episodes. */
  get episodeCount(): number {
    return this.episodes.size;
  }

  /** The live objects, for the server only: it serialises them without copying. */
  liveEpisodes(): Iterable<SgEpisode> {
    return this.episodes.values();
  }

  /** The live event with `slug`, for the server only. */
  liveEvent(slug: string): SgEvent | undefined {
    return this.events.get(slug);
  }

  /**
   * Moves an episode. Without `whenCountdown` the gap between airtime and race start is kept,
   * as when an organiser drags the slot in SG's calendar.
   */
  reschedule(id: number, when: Date | string, whenCountdown?: Date | string): SgEpisode {
    const episode = this.mustGet(id);
    const gap = instant(episode.when) - instant(episode.whenCountdown);
    episode.when = toSgTime(when);
    episode.whenCountdown = toSgTime(whenCountdown ?? new Date(instant(episode.when) - gap));
    return structuredClone(episode);
  }

  /** Overwrites scalar fields (title, length, the `timezone` flag, approval, external restream). */
  updateEpisode(id: number, patch: EpisodePatch): SgEpisode {
    Object.assign(this.mustGet(id), patch);
    return structuredClone(this.mustGet(id));
  }

  /** Sets `approved` on the episode (SG staff approval). */
  approve(id: number, approved = true): SgEpisode {
    return this.updateEpisode(id, { approved });
  }

  /** Clears `approved` on the episode. */
  unapprove(id: number): SgEpisode {
    return this.approve(id, false);
  }

  /** Changes a match's title/note (e.g. the pairing gets drawn); `match2` is created if absent. */
  updateMatch(id: number, slot: MatchSlot, patch: Omit<MatchInput, 'id' | 'players'>): SgMatch {
    const match = this.ensureMatch(this.mustGet(id), slot);
    Object.assign(match, patch);
    return structuredClone(match);
  }

  /** Replaces a match's roster; returns the stored players with their ids. */
  setPlayers(id: number, players: PlayerInput[], slot: MatchSlot = 'match1'): SgMatch {
    const match = this.ensureMatch(this.mustGet(id), slot);
    match.players = players.map((p) => buildPlayer(this.ids, p));
    return structuredClone(match);
  }

  /** Adds one player to a match and returns it. */
  addPlayer(id: number, player: PlayerInput = {}, slot: MatchSlot = 'match1') {
    const added = buildPlayer(this.ids, player);
    this.ensureMatch(this.mustGet(id), slot).players.push(added);
    return structuredClone(added);
  }

  /** Removes a player (by SG person id) from whichever match has them; false if absent. */
  removePlayer(id: number, playerId: number): boolean {
    const episode = this.mustGet(id);
    let removed = false;
    for (const match of [episode.match1, episode.match2]) {
      if (!match) continue;
      const before = match.players.length;
      match.players = match.players.filter((p) => p.id !== playerId);
      removed ||= match.players.length !== before;
    }
    return removed;
  }

  /** Makes the episode a single match again (`match2: null`). */
  removeMatch2(id: number): void {
    this.mustGet(id).match2 = null;
  }

  /** Adds a crew signup (default: not approved, not ready) and returns it. */
  addCrew(id: number, role: CrewRole, member: CrewInput = {}) {
    const added = buildCrewMember(this.ids, member);
    this.mustGet(id)[role].push(added);
    return structuredClone(added);
  }

  /** Removes a crew member from one list; false if absent. */
  removeCrew(id: number, role: CrewRole, personId: number): boolean {
    const episode = this.mustGet(id);
    const before = episode[role].length;
    episode[role] = episode[role].filter((c) => c.id !== personId);
    return episode[role].length !== before;
  }

  /** Flips a crew member's `approved` / `ready` flags. */
  setCrewFlags(id: number, role: CrewRole, personId: number, flags: { approved?: boolean; ready?: boolean }) {
    const member = this.mustGet(id)[role].find((c) => c.id === personId);
    if (!member)
      throw new Error(`SpeedGaming emulator: person ${personId} is not in ${role} of episode ${id}`);
    Object.assign(member, flags);
    return structuredClone(member);
  }

  /** Replaces the restream channels (`[]` = not restreamed). */
  setChannels(id: number, channels: ChannelInput[]) {
    const episode = this.mustGet(id);
    episode.channels = channels.map((c) => buildChannel(this.ids, c));
    return structuredClone(episode.channels);
  }

  /** Deletes an episode: it leaves `/schedule` and `/episode?id=` answers the error object. */
  deleteEpisode(id: number): boolean {
    return this.episodes.delete(id);
  }

  /** Forgets every episode and event (ids keep increasing). */
  clear(): void {
    this.episodes.clear();
    this.events.clear();
  }

  private mustGet(id: number): SgEpisode {
    const episode = this.episodes.get(id);
    if (!episode) throw new Error(`SpeedGaming emulator: no episode ${id}`);
    return episode;
  }

  private ensureMatch(episode: SgEpisode, slot: MatchSlot): SgMatch {
    if (slot === 'match1') return episode.match1;
    episode.match2 ??= buildMatch(this.ids);
    return episode.match2;
  }

  private resolveEvent(slug: string | undefined): SgEvent {
    const chosen = slug ?? this.events.keys().next().value ?? 'alttprleague';
    if (!this.events.has(chosen)) {
      const defaults: EventInput =
        chosen === 'alttprleague'
          ? { slug: chosen, name: 'ALTTPR League Season 5', shortName: 'ALTTPR League' }
          : { slug: chosen };
      this.events.set(chosen, buildEvent(this.ids, defaults));
    }
    return this.events.get(chosen)!;
  }

  private defaultWhen(): Date {
    return new Date(Math.floor(this.clock.now().getTime() / HOUR) * HOUR + 2 * HOUR);
  }
}

/** Epoch milliseconds of an SG time string (always valid: the store wrote it). */
export function instant(sgTime: string): number {
  return parseIsoInstant(sgTime)!.getTime();
}
