/** The instants SpeedGaming reads and writes (reference §0.6-7 and §4). */

// An offset is required: SG always writes one, and a bare local time would be ambiguous.
const SG_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Parses a `when`/`whenCountdown` value (`2026-07-20T18:00:00+00:00`, any offset, `Z` and fractions
 * tolerated) into a UTC instant; `undefined` when it is not such a time.
 */
export function parseSgInstant(text: string): Date | undefined {
  const m = SG_INSTANT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone] = m;
  const fields = [Number(mo), Number(d), Number(h), Number(mi), Number(s)];
  if (fields[0]! < 1 || fields[0]! > 12 || fields[1]! < 1 || fields[1]! > 31) return undefined;
  if (fields[2]! > 23 || fields[3]! > 59 || fields[4]! > 59) return undefined;
  const millis = Math.floor(Number(`0.${frac || '0'}`) * 1000);
  const local = Date.UTC(Number(y), fields[0]! - 1, fields[1]!, fields[2]!, fields[3]!, fields[4]!, millis);
  const utc = new Date(local - offsetMinutes(zone!) * 60_000);
  // Date.UTC rolls 31 February over into March; reject instead of importing a wrong day.
  return new Date(local).getUTCDate() === fields[1] ? utc : undefined;
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * Formats a window bound the way SG itself writes times (UTC, `+00:00`, whole seconds). `from` is
 * rounded down and `to` up, so dropping the fraction never shrinks the window.
 */
export function formatSgBound(instant: Date, round: 'down' | 'up'): string {
  const ms = instant.getTime();
  const whole = round === 'down' ? Math.floor(ms / 1000) * 1000 : Math.ceil(ms / 1000) * 1000;
  return `${new Date(whole).toISOString().slice(0, 19)}+00:00`;
}
