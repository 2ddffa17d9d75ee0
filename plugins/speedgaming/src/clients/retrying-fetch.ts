import { setTimeout as delay } from 'node:timers/promises';
import { SpeedGamingUnavailableError, type UnavailableReason } from './speedgaming-errors.js';

/** How one client call retries transient failures (5xx, timeout, network) before giving up. */
export interface RetryPolicy {
  /** Requests per call, the first included (so 1 = no retry). */
  attempts: number;
  /** Wait before the first retry; doubles each time, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** Transport settings of the SpeedGaming client. */
export interface HttpSettings {
  /** Per-attempt limit covering connect, headers and body. */
  timeoutMs: number;
  retry: RetryPolicy;
  /** Waits between attempts; injectable so tests never sleep. Must reject when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1). */
  random: () => number;
}

/** A response that is not a 5xx, with its body read as text. */
export interface TextResponse {
  status: number;
  text: string;
  /** Requests it took (retries included). */
  attempts: number;
}

/** Real waits that end early when the caller aborts. */
export const realSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(ms, undefined, { signal });

/**
 * The delay before retry number `retry` (1-based): exponential, capped, with "equal jitter" (half
 * fixed, half random) so many instances polling the same schedule do not retry in lockstep.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

interface Failure {
  reason: UnavailableReason;
  message: string;
  status?: number;
  cause?: unknown;
}

/**
 * GETs `url` and returns the body text whatever its content type (SG labels JSON `text/html`).
 * Retries 5xx, timeouts and network errors within the call, bounded by `settings.retry.attempts`;
 * throws {@link SpeedGamingUnavailableError} when they run out or `signal` aborts.
 */
export async function getText(url: URL, settings: HttpSettings, signal?: AbortSignal): Promise<TextResponse> {
  // At least one request, whatever the configuration says.
  const attempts = Math.max(1, Math.floor(settings.retry.attempts));
  let failure: Failure = { reason: 'network', message: 'no request made' };
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) {
      try {
        await settings.sleep(backoffDelay(attempt - 1, settings.retry, settings.random), signal);
      } catch (cause) {
        throw aborted(url, attempt - 1, cause);
      }
    }
    if (signal?.aborted) throw aborted(url, attempt - 1, signal.reason);
    const timeout = AbortSignal.timeout(settings.timeoutMs);
    try {
      const res = await fetch(url, {
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        headers: { accept: 'application/json, text/html;q=0.9' },
      });
      const text = await res.text();
      if (res.status < 500) return { status: res.status, text, attempts: attempt };
      failure = { reason: 'server', status: res.status, message: `answered HTTP ${res.status}` };
    } catch (cause) {
      if (signal?.aborted) throw aborted(url, attempt, cause);
      failure = timeout.aborted
        ? { reason: 'timeout', message: `did not answer within ${settings.timeoutMs} ms`, cause }
        : { reason: 'network', message: `could not be reached (${errorText(cause)})`, cause };
    }
  }
  throw new SpeedGamingUnavailableError(
    failure.reason,
    `SpeedGaming ${url.pathname} ${failure.message} after ${attempts} attempt(s)`,
    failure.status,
    attempts,
    failure.cause,
  );
}

function aborted(url: URL, attempts: number, cause: unknown): SpeedGamingUnavailableError {
  return new SpeedGamingUnavailableError(
    'aborted',
    `SpeedGaming ${url.pathname} request was cancelled`,
    undefined,
    attempts,
    cause,
  );
}

function errorText(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // undici hides the socket error (ECONNREFUSED, ECONNRESET) in `cause`.
  const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : '';
  return `${cause.message}${inner}`;
}
