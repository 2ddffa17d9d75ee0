import { badRequest } from '../errors.js';

/**
 * Refuses a name that looks like an IANA zone but is not one this runtime knows (400, not a 500 later).
 * Shared by orgs, tournaments and users, which all take a time zone.
 */
export function checkTimeZone(zone: string | null | undefined, field = 'timezone'): void {
  if (zone == null) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw badRequest(
      'RD_TIME_ZONE_UNKNOWN',
      `${field} "${zone}" is not an IANA time zone, e.g. Europe/Berlin`,
    );
  }
}
