import { RacedeskError } from '@racedesk/core';

/**
 * What went wrong talking to SpeedGaming. The sync branches on the kind:
 * - `unavailable`: no usable answer now (timeout, network, 5xx, an unexplained `{"error"}`); retry next run.
 * - `malformed`: the answer could not be understood (not JSON, or the wrong shape); `field` says where.
 * - `event_not_found`: SpeedGaming does not know the event slug; the tournament's settings are wrong.
 * - `episode_gone`: SpeedGaming confirmed the episode no longer exists; the only ground for deleting a match.
 */
export type SpeedGamingErrorKind = 'unavailable' | 'malformed' | 'event_not_found' | 'episode_gone';

/** Why SpeedGaming was unavailable. `sg_error` = HTTP 200 `{"error"}` with a text we cannot classify. */
export type UnavailableReason = 'timeout' | 'network' | 'server' | 'http_status' | 'sg_error' | 'aborted';

/** Base of every SpeedGaming client error; branch on `kind` or use `instanceof` on the subclasses. */
export abstract class SpeedGamingError extends RacedeskError {
  abstract readonly kind: SpeedGamingErrorKind;
}

/** No usable answer this time; nothing may be concluded from it (in particular, no deletion). */
export class SpeedGamingUnavailableError extends SpeedGamingError {
  readonly kind = 'unavailable';

  constructor(
    readonly reason: UnavailableReason,
    message: string,
    /** HTTP status of the last attempt, when there was one. */
    readonly status: number | undefined,
    /** Requests made before giving up (retries included). */
    readonly attempts: number,
    cause?: unknown,
  ) {
    super('RD_SPEEDGAMING_UNAVAILABLE', message, 503, { reason, status, attempts });
    this.name = 'SpeedGamingUnavailableError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** The answer was not JSON or did not have the expected shape; `field` is a path such as `match1.players[0].id`. */
export class SpeedGamingMalformedError extends SpeedGamingError {
  readonly kind = 'malformed';

  constructor(
    readonly field: string,
    readonly problem: string,
    cause?: unknown,
  ) {
    super('RD_SPEEDGAMING_MALFORMED', `SpeedGaming sent unexpected data: ${field} ${problem}`, 502, {
      field,
      problem,
    });
    this.name = 'SpeedGamingMalformedError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** SpeedGaming answered "Failed to find event." for the slug. */
export class SpeedGamingEventNotFoundError extends SpeedGamingError {
  readonly kind = 'event_not_found';

  constructor(
    readonly eventSlug: string,
    readonly sgMessage: string,
  ) {
    super('RD_SPEEDGAMING_EVENT_NOT_FOUND', `SpeedGaming has no event "${eventSlug}": ${sgMessage}`, 422, {
      eventSlug,
    });
    this.name = 'SpeedGamingEventNotFoundError';
  }
}

/** SpeedGaming confirmed that the episode does not exist (any more). */
export class SpeedGamingEpisodeGoneError extends SpeedGamingError {
  readonly kind = 'episode_gone';

  constructor(
    readonly episodeId: number,
    readonly sgMessage: string,
  ) {
    super('RD_SPEEDGAMING_EPISODE_GONE', `SpeedGaming episode ${episodeId} is gone: ${sgMessage}`, 404, {
      episodeId,
    });
    this.name = 'SpeedGamingEpisodeGoneError';
  }
}

/** True when `error` is a {@link SpeedGamingError} of one of `kinds` (any kind when omitted). */
export function isSpeedGamingError(
  error: unknown,
  ...kinds: SpeedGamingErrorKind[]
): error is SpeedGamingError {
  return error instanceof SpeedGamingError && (kinds.length === 0 || kinds.includes(error.kind));
}
