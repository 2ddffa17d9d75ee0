import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** What a failed Discord call means for whoever asked for it. */
export type DiscordFailure =
  | { kind: 'permanent'; code: number | null; reason: string }
  | { kind: 'rate-limited'; retryAfterMs: number; bucket: string; limit: number; reason: string }
  | { kind: 'retryable'; reason: string }
  | { kind: 'unauthorized'; reason: string };

/** Codes that never succeed on retry: the recipient, channel or permission is the problem. */
const PERMANENT_CODES: Record<number, string> = {
  10003: 'unknown channel',
  10004: 'unknown guild',
  10013: 'unknown user',
  50001: 'missing access',
  50007: 'cannot send messages to this user (DMs closed or blocked)',
  50013: 'missing permissions',
  50033: 'invalid recipient',
  50035: 'invalid message (rejected by Discord)',
};

/**
 * Classifies an error thrown by discord.js: permanent error codes stop retries, 429s carry Discord's
 * `retry_after`, 5xx and network errors are retried by our delivery layer (discord.js retries nothing).
 */
export function classifyDiscordError(error: unknown): DiscordFailure {
  if (error instanceof RateLimitError) {
    return {
      kind: 'rate-limited',
      retryAfterMs: Math.max(1, Math.ceil(error.retryAfter)),
      // One schedule per Discord bucket: the global limit, or a route and its major parameter.
      bucket: error.global ? 'global' : `${error.method} ${error.route}:${error.majorParameter}`,
      limit: Number.isFinite(error.limit) && error.limit > 0 ? error.limit : 1,
      reason: `rate limited on ${error.global ? 'the global limit' : error.route}`,
    };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : null;
    if (error.status === 401) return { kind: 'unauthorized', reason: 'the bot token was refused (401)' };
    if (code !== null && PERMANENT_CODES[code]) {
      return { kind: 'permanent', code, reason: `${PERMANENT_CODES[code]} (${code})` };
    }
    if (error.status >= 500) return { kind: 'retryable', reason: `Discord answered ${error.status}` };
    return { kind: 'permanent', code, reason: `${error.message} (${code ?? error.status})` };
  }
  if (error instanceof HTTPError) return { kind: 'retryable', reason: `Discord answered ${error.status}` };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'retryable', reason: `network error: ${message}` };
}
