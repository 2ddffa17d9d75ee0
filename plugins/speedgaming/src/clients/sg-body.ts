import { SpeedGamingMalformedError } from './speedgaming-errors.js';
import { describeValue } from './wire-problem.js';

/** A 200 answer read as JSON: either SG's error object or a value to validate. */
export type SgBody = { kind: 'error'; message: string } | { kind: 'value'; value: unknown };

/**
 * Parses a body as JSON whatever its content type (SG serves JSON as `text/html`) and recognises
 * SG's way of failing: HTTP 200 with `{"error": "..."}` (reference §2).
 */
export function readSgBody(text: string, what: string): SgBody {
  let value: unknown;
  try {
    // A UTF-8 byte-order mark would make JSON.parse fail on an otherwise good body.
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (cause) {
    const start = text.trim().slice(0, 40);
    throw new SpeedGamingMalformedError(
      what,
      `is not JSON (${text.trim() === '' ? 'empty body' : `starts with ${JSON.stringify(start)}`})`,
      cause,
    );
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value) {
    const error = (value as { error: unknown }).error;
    return { kind: 'error', message: typeof error === 'string' ? error : describeValue(error) };
  }
  return { kind: 'value', value };
}

/**
 * The episode list of a schedule answer: a JSON array (live), or an object with an `episodes`
 * array, which SahaBot2 accepts although it was never observed (reference §7.2).
 */
export function scheduleItems(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) {
    const episodes = (value as { episodes?: unknown }).episodes;
    if (Array.isArray(episodes)) return episodes;
  }
  throw new SpeedGamingMalformedError(
    'schedule',
    `must be an array of episodes (got ${describeValue(value)})`,
  );
}

// Live text: "Failed to find event." (reference §0.3).
const EVENT_NOT_FOUND = /\bfind event\b|\bevent\b.*\bnot found\b|\bno (?:such )?event\b/i;
// Live text (unverified): "Failed to find episode with id 0." (reference §1.2). Any other error
// text is treated as an outage: deleting a match needs SG to say the episode is gone.
const EPISODE_NOT_FOUND =
  /\bfind episode\b|\bepisode\b.*\b(?:not found|does not exist)\b|\bno (?:such )?episode\b/i;

/** True when an SG error text says the event slug is unknown. */
export const saysEventNotFound = (message: string): boolean => EVENT_NOT_FOUND.test(message);
/** True when an SG error text says the episode does not exist. */
export const saysEpisodeNotFound = (message: string): boolean => EPISODE_NOT_FOUND.test(message);
