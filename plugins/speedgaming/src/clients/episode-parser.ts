import { type WireCrewMember, WireEpisode, type WireMatch, type WirePlayer } from './episode-wire-schema.js';
import type { ParsedCrewMember, ParsedEpisode, ParsedMatch, ParsedPlayer } from './parsed-episode.js';
import { SpeedGamingMalformedError } from './speedgaming-errors.js';
import { parseSgInstant } from './speedgaming-time.js';
import { describeValue, findWireProblem } from './wire-problem.js';

/**
 * Validates one episode object from SpeedGaming and converts it to a {@link ParsedEpisode}.
 * Throws {@link SpeedGamingMalformedError} naming the first bad field (`episode.match1.players[0].id`).
 */
export function parseEpisode(value: unknown, prefix = 'episode'): ParsedEpisode {
  const problem = findWireProblem(WireEpisode, value, prefix);
  if (problem) throw new SpeedGamingMalformedError(problem.field, problem.problem);
  const wire = value as WireEpisode;
  return {
    id: wire.id,
    title: text(wire.title),
    when: instant(wire.when, `${prefix}.when`),
    whenCountdown: instant(wire.whenCountdown, `${prefix}.whenCountdown`),
    lengthMinutes: wire.length ?? null,
    timezone: text(wire.timezone),
    approved: wire.approved,
    externalRestream: wire.externalRestream ?? false,
    event: {
      id: wire.event.id,
      slug: wire.event.slug,
      name: text(wire.event.name),
      shortName: text(wire.event.shortName),
      game: text(wire.event.game),
      active: wire.event.active ?? true,
    },
    match1: match(wire.match1),
    match2: wire.match2 === null ? null : match(wire.match2),
    channels: wire.channels.map((c) => ({
      id: c.id,
      name: c.name,
      slug: text(c.slug),
      initials: text(c.initials),
      language: text(c.language),
    })),
    commentators: wire.commentators.map(crew),
    trackers: wire.trackers.map(crew),
    broadcasters: wire.broadcasters.map(crew),
    helpers: (wire.helpers ?? []).map(crew),
  };
}

/** The episode id of a value that failed validation, when it can still be read. */
export function readableEpisodeId(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'number' && Number.isInteger(id) ? id : undefined;
}

/** SG writes `""` for unset values (reference §0.5); callers get `null` instead. */
function text(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function instant(value: string, field: string): Date {
  const parsed = parseSgInstant(value);
  if (!parsed) {
    throw new SpeedGamingMalformedError(
      field,
      `is not an ISO-8601 time with a UTC offset (got ${describeValue(value)})`,
    );
  }
  return parsed;
}

function match(wire: WireMatch): ParsedMatch {
  return { id: wire.id, title: text(wire.title), note: text(wire.note), players: wire.players.map(player) };
}

function player(wire: WirePlayer): ParsedPlayer {
  return {
    id: wire.id,
    displayName: text(wire.displayName),
    discordId: text(wire.discordId),
    discordTag: text(wire.discordTag),
    publicStream: text(wire.publicStream),
    streamingFrom: text(wire.streamingFrom),
  };
}

function crew(wire: WireCrewMember): ParsedCrewMember {
  return {
    id: wire.id,
    displayName: text(wire.displayName),
    discordId: text(wire.discordId),
    discordTag: text(wire.discordTag),
    publicStream: text(wire.publicStream),
    approved: wire.approved,
    ready: wire.ready ?? false,
    partner: text(wire.partner),
    language: text(wire.language),
  };
}
