import { RacedeskError } from '@racedesk/core';

/**
 * What went wrong talking to racetime.gg. Callers branch on the kind:
 * - `timeout`: no answer in time; a write may or may not have happened (`uncertain`).
 * - `network`: the connection failed or was reset; `uncertain` for writes.
 * - `server`: 5xx from racetime.gg or its proxy; retry later.
 * - `forbidden`: 403 (empty body): the token expired, was revoked, or the bot was deactivated; reauthorize.
 * - `not_found`: unknown category or race.
 * - `rejected`: the request was refused as invalid (422 form errors, other 4xx); never retry as is.
 * - `auth_failed`: the token endpoint refused the client credentials; fix the bot's configuration.
 * - `bad_response`: the answer could not be understood (malformed JSON, missing fields or headers).
 */
export type RacetimeErrorKind =
  | 'timeout'
  | 'network'
  | 'server'
  | 'forbidden'
  | 'not_found'
  | 'rejected'
  | 'auth_failed'
  | 'bad_response';

const CODES: Record<RacetimeErrorKind, string> = {
  timeout: 'RD_RACETIME_TIMEOUT',
  network: 'RD_RACETIME_UNREACHABLE',
  server: 'RD_RACETIME_UNAVAILABLE',
  forbidden: 'RD_RACETIME_FORBIDDEN',
  not_found: 'RD_RACETIME_NOT_FOUND',
  rejected: 'RD_RACETIME_REJECTED',
  auth_failed: 'RD_RACETIME_AUTH_FAILED',
  bad_response: 'RD_RACETIME_BAD_RESPONSE',
};

// The status Racedesk answers with if the error reaches its own HTTP layer.
const HTTP_STATUS: Record<RacetimeErrorKind, number> = {
  timeout: 504,
  network: 502,
  server: 502,
  forbidden: 502,
  not_found: 404,
  rejected: 422,
  auth_failed: 502,
  bad_response: 502,
};

/** Form errors of a 422 answer: field name (or `__all__`) to messages, exactly as racetime.gg sent them. */
export type RacetimeFormErrors = Record<string, string[]>;

/** Options of {@link RacetimeError}. */
export interface RacetimeErrorOptions {
  /** HTTP status racetime.gg answered, when there was one. */
  status?: number;
  /** True when the request may have taken effect although it failed (timeouts and resets on writes). */
  uncertain?: boolean;
  /** Validation messages of a 422 answer. */
  formErrors?: RacetimeFormErrors;
  cause?: unknown;
}

/** A failed racetime.gg call, typed by {@link RacetimeErrorKind}. */
export class RacetimeError extends RacedeskError {
  /** HTTP status racetime.gg answered, if any. */
  readonly status: number | undefined;
  /** The request may have taken effect: look before retrying (e.g. find the room in category data). */
  readonly uncertain: boolean;
  /** Validation messages of a 422 answer (empty otherwise). */
  readonly formErrors: RacetimeFormErrors;

  constructor(
    readonly kind: RacetimeErrorKind,
    message: string,
    options: RacetimeErrorOptions = {},
  ) {
    super(CODES[kind], message, HTTP_STATUS[kind], options.formErrors);
    this.name = 'RacetimeError';
    this.status = options.status;
    this.uncertain = options.uncertain ?? false;
    this.formErrors = options.formErrors ?? {};
    if (options.cause !== undefined) this.cause = options.cause;
  }

  /** Worth retrying later unchanged (after checking `uncertain` writes). */
  get retryable(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'server';
  }
}

/** True when `error` is a {@link RacetimeError} of one of `kinds` (any kind when omitted). */
export function isRacetimeError(error: unknown, ...kinds: RacetimeErrorKind[]): error is RacetimeError {
  return error instanceof RacetimeError && (kinds.length === 0 || kinds.includes(error.kind));
}
