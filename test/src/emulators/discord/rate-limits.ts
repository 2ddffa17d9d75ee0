import { createHash } from 'node:crypto';
import type { Clock } from '@racedesk/core';

/** `limit` requests per `windowMs` of clock time. */
export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** Rate-limit configuration; every window runs on the emulator's clock. */
export interface RateLimitOptions {
  /** Default true. False sends no rate-limit headers and never answers 429 (faults still can). */
  enabled?: boolean;
  /** Per-caller global limit; default 50 per second. `false` disables it. */
  global?: RateLimitRule | false;
  /**
   * Per-route rules keyed by `METHOD /template`, e.g. `'POST /channels/:channel_id/messages'`.
   * Merged over the defaults (DM create and message post: 5 per 5 s, like Discord).
   */
  routes?: Record<string, RateLimitRule>;
  /** Rule for routes not listed; default 50 per second. */
  default?: RateLimitRule;
  /**
   * `Retry-After` header: `'seconds'` (Discord's whole seconds, rounded up; default) or `'precise'`
   * (fractional seconds, so a client waits exactly `retry_after` in tests with tiny windows).
   */
  retryAfterHeader?: 'seconds' | 'precise';
}

/** Discord's documented-ish defaults. */
export const DEFAULT_ROUTE_LIMITS: Record<string, RateLimitRule> = {
  'POST /channels/:channel_id/messages': { limit: 5, windowMs: 5000 },
  'POST /users/@me/channels': { limit: 5, windowMs: 5000 },
};

/** The outcome of counting one request: headers to send and, when over the limit, the 429 body. */
export interface RateLimitVerdict {
  headers: Record<string, string>;
  limited: { retryAfter: number; global: boolean; scope: 'user' | 'global' | 'shared' } | null;
}

/** Major parameters split buckets, as on Discord. */
const MAJOR = /:(channel_id|guild_id|webhook_id)/;

interface Window {
  count: number;
  resetAt: number;
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** Fixed-window buckets per route template and major parameter, plus a global limit per caller. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly routes: Record<string, RateLimitRule>;

  constructor(
    private readonly clock: Clock,
    private readonly options: RateLimitOptions = {},
  ) {
    this.routes = { ...DEFAULT_ROUTE_LIMITS, ...options.routes };
  }

  /** The bucket hash Discord would send for a route (stable, opaque, 32 hex chars). */
  static bucketHash(routeKey: string): string {
    return createHash('md5').update(routeKey).digest('hex');
  }

  /** Formats `Retry-After` as configured. */
  retryAfterHeader(retryAfterSeconds: number): string {
    return this.options.retryAfterHeader === 'precise'
      ? retryAfterSeconds.toFixed(3)
      : String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }

  /** Counts a request to `routeKey` (`METHOD /template`) by `caller`. */
  hit(routeKey: string, params: Record<string, string>, caller: string): RateLimitVerdict {
    if (this.options.enabled === false) return { headers: {}, limited: null };
    const now = this.clock.now().getTime();
    const global = this.options.global ?? { limit: 50, windowMs: 1000 };
    if (global) {
      const window = this.count(`global:${caller}`, global, now);
      if (window.count > global.limit) {
        const retryAfter = (window.resetAt - now) / 1000;
        return {
          headers: { 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' },
          limited: { retryAfter, global: true, scope: 'global' },
        };
      }
    }
    const rule = this.routes[routeKey] ?? this.options.default ?? { limit: 50, windowMs: 1000 };
    const major = MAJOR.exec(routeKey)?.[1];
    const hash = RateLimiter.bucketHash(routeKey);
    const window = this.count(`${hash}:${major ? params[major] : ''}:${caller}`, rule, now);
    const headers = {
      'X-RateLimit-Limit': String(rule.limit),
      'X-RateLimit-Remaining': String(Math.max(0, rule.limit - window.count)),
      'X-RateLimit-Reset': seconds(window.resetAt),
      'X-RateLimit-Reset-After': seconds(window.resetAt - now),
      'X-RateLimit-Bucket': hash,
    };
    if (window.count <= rule.limit) return { headers, limited: null };
    return {
      headers: { ...headers, 'X-RateLimit-Scope': 'user' },
      limited: { retryAfter: (window.resetAt - now) / 1000, global: false, scope: 'user' },
    };
  }

  /** Forgets every window (e.g. between phases of a test). */
  reset(): void {
    this.windows.clear();
  }

  private count(key: string, rule: RateLimitRule, now: number): Window {
    let window = this.windows.get(key);
    if (!window || now >= window.resetAt) {
      window = { count: 0, resetAt: now + rule.windowMs };
      this.windows.set(key, window);
    }
    window.count++;
    return window;
  }
}
