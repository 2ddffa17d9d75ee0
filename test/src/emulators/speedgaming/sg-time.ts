/** The instants SG writes and reads (reference §0.6-7 and §4). */

const STRICT_SG_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;
const ISO_INPUT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Formats an instant the way SG does: UTC, `+00:00`, no fractional seconds (SahasrahBot rejects both). */
export function formatSgTime(instant: Date): string {
  return `${instant.toISOString().slice(0, 19)}+00:00`;
}

/**
 * Normalises a time given by a test. A string already in SG's exact format is kept verbatim, so tests
 * can serve other offsets (`-04:00`); anything else is parsed and written as UTC.
 */
export function toSgTime(value: Date | string): string {
  if (typeof value === 'string' && STRICT_SG_TIME.test(value)) return value;
  const instant = typeof value === 'string' ? parseIsoInstant(value) : value;
  if (!instant || Number.isNaN(instant.getTime())) throw new Error(`Not a usable time: ${String(value)}`);
  return formatSgTime(instant);
}

/**
 * Parses an ISO-8601 `from`/`to` value with any offset and any number of fractional digits
 * (SahasrahBot sends microseconds). A value without an offset is read as UTC (the live server's
 * choice is unknown). Returns `undefined` for anything else, e.g. a `+` that arrived as a space.
 */
export function parseIsoInstant(text: string): Date | undefined {
  const m = ISO_INPUT.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const millis = Number(`0.${frac || '0'}`) * 1000;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), millis);
  if (Number.isNaN(utc)) return undefined;
  return new Date(utc - offsetMinutes(zone) * 60_000);
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
}
