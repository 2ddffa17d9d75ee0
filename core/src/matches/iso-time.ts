import { badRequest } from '../errors.js';

// An offset (Z or ±hh:mm) is required: a local time means a different instant in every time zone.
const WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?(?:Z|[+-]\d\d:?\d\d)$/i;
const LOCAL = /^\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d(?:\.\d{1,9})?)?)?$/;
// `2030-01-07T19:00:00+01:00` in an unencoded query string arrives as `...T19:00:00 01:00`.
const PLUS_AS_SPACE = /T[\d:.]+ \d\d:?\d\d$/;

/**
 * Parses an ISO 8601 instant with an offset (`2030-01-07T18:00:00Z`, `2030-01-07T19:00+01:00`).
 * A local time without an offset is refused with a message that says so.
 */
export function parseInstant(value: string, field: string): Date {
  if (!WITH_OFFSET.test(value)) {
    const hint = LOCAL.test(value)
      ? `"${value}" has no offset; add Z for UTC or the offset of its time zone, e.g. ${value.length > 10 ? value : `${value}T18:00`}Z`
      : PLUS_AS_SPACE.test(value)
        ? `"${value}" lost its "+" (a query string reads + as a space); send it as %2B`
        : `"${value}" is not an ISO 8601 time, e.g. 2030-01-07T18:00:00Z`;
    throw badRequest('RD_TIME_OFFSET_REQUIRED', `${field} must be an ISO 8601 time with an offset: ${hint}`);
  }
  const date = new Date(value);
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1970 || year > 9999 || !realCalendarTime(value)) {
    throw badRequest('RD_TIME_INVALID', `${field} is not a valid time: "${value}"`);
  }
  return date;
}

/** `Date` rolls 2030-02-30 over into March and accepts 24:00; a time must name a real day and clock time. */
function realCalendarTime(value: string): boolean {
  const [y, mo, d, h, mi, sec] = (value.match(/\d+/g) ?? []).map(Number) as number[];
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  return mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= days && h! < 24 && mi! < 60 && (sec ?? 0) < 60;
}

const DURATION = /^T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,3})?)S)?$/;

/** Parses an ISO 8601 duration of hours, minutes and seconds (`PT1H23M45.6S`) into milliseconds. */
export function parseDuration(value: string, field: string): number {
  const m = /^P(?:(\d+)D)?(T.*)?$/.exec(value);
  const time = m?.[2] ? DURATION.exec(m[2]) : null;
  if (!m || (m[2] && (!time || m[2] === 'T')) || value === 'P') {
    throw badRequest(
      'RD_DURATION_INVALID',
      `${field} must be an ISO 8601 duration such as PT1H23M45S, not "${value}"`,
    );
  }
  const days = Number(m[1] ?? 0);
  const [h, min, s] = [time?.[1], time?.[2], time?.[3]].map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
  ];
  const ms = Math.round(((days * 24 + h) * 60 + min) * 60_000 + s * 1000);
  if (!Number.isSafeInteger(ms)) throw badRequest('RD_DURATION_INVALID', `${field} is too long`);
  return ms;
}

/** Renders milliseconds as an ISO 8601 duration (`PT1H23M45.6S`). */
export function formatDuration(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds || (!hours && !minutes) ? `${seconds}S` : ''}`;
  return `PT${parts}`;
}
