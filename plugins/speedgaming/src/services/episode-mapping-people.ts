import type { ParsedCrewMember, ParsedPlayer } from '../clients/parsed-episode.js';
import type {
  ImportCrew,
  ImportCrewRole,
  ImportNote,
  ImportPerson,
  ImportPlayer,
} from './episode-mapping-types.js';

// Snowflakes are 64-bit integers; every account since Discord's launch has 17 to 20 digits.
const SNOWFLAKE = /^\d{17,20}$/;
// SG lists undrawn bracket slots as fake runners (reference §3.3).
const BRACKET_PLACEHOLDER = /^(?:winner|loser)s? of\b/i;
// `publicStream == "ignore"` marks a runner to leave out (reference §3.3).
const IGNORE = 'ignore';

/** The Discord id if it is a valid snowflake; anything else becomes `null` plus a note. */
export function normalizeDiscordId(sgId: number, raw: string | null, notes: ImportNote[]): string | null {
  if (raw === null) return null;
  if (SNOWFLAKE.test(raw) && BigInt(raw) > 0n) return raw;
  notes.push({ kind: 'invalid_discord_id', sgId, value: raw });
  return null;
}

/** Discord usernames in SG may carry the legacy `#0` discriminator (SahasrahBot strips it). */
export function normalizeDiscordTag(raw: string | null): string | null {
  if (raw === null) return null;
  const tag = raw.endsWith('#0') ? raw.slice(0, -2) : raw;
  return tag === '' ? null : tag;
}

/** First usable name in the reference's order; `ignore` is a marker, never a name. */
function pickName(sgId: number, ...candidates: (string | null)[]): string {
  return candidates.find((c): c is string => c !== null && c.toLowerCase() !== IGNORE) ?? `SG #${sgId}`;
}

function person(
  raw: ParsedPlayer | ParsedCrewMember,
  streamingFrom: string | null,
  notes: ImportNote[],
): ImportPerson {
  const discordTag = normalizeDiscordTag(raw.discordTag);
  return {
    sgId: raw.id,
    discordId: normalizeDiscordId(raw.id, raw.discordId, notes),
    discordTag,
    displayName: pickName(raw.id, streamingFrom, raw.publicStream, raw.displayName, discordTag),
    sgDisplayName: raw.displayName,
  };
}

/** A runner, or `null` (with a note) for bracket placeholders and runners marked `ignore`. */
export function mapPlayer(raw: ParsedPlayer, match: 1 | 2, notes: ImportNote[]): ImportPlayer | null {
  if (raw.displayName !== null && BRACKET_PLACEHOLDER.test(raw.displayName)) {
    notes.push({ kind: 'bracket_placeholder', sgId: raw.id, displayName: raw.displayName });
    return null;
  }
  if (raw.publicStream?.toLowerCase() === IGNORE) {
    notes.push({ kind: 'ignored_player', sgId: raw.id });
    return null;
  }
  return { ...person(raw, raw.streamingFrom, notes), match, twitch: raw.streamingFrom };
}

/** A volunteer in `role`. */
export function mapCrew(raw: ParsedCrewMember, role: ImportCrewRole, notes: ImportNote[]): ImportCrew {
  return {
    ...person(raw, null, notes),
    role,
    approved: raw.approved,
    ready: raw.ready,
    language: raw.language,
  };
}
