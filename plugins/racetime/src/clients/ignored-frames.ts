/**
 * Server frames a bot can ignore (reference §5.3): `race.renders` (the room page's HTML, sent after
 * every `race.data` and usually the larger of the two) and `race.split` (LiveSplit splits).
 * racetime.gg writes `type` first (`{"type": "race.renders", ...}`), so the first bytes tell; a frame
 * that puts it elsewhere is simply parsed.
 */
const IGNORED = /^\{\s*"type"\s*:\s*"race\.(?:renders|split)"/;

/** Enough bytes for `{"type": "race.renders"` with generous whitespace. */
const PREFIX_BYTES = 64;

/** True for a frame of a type bots ignore, judged from its first bytes without decoding the rest. */
export function isIgnoredFrame(raw: Buffer): boolean {
  return IGNORED.test(raw.toString('latin1', 0, Math.min(raw.length, PREFIX_BYTES)));
}
