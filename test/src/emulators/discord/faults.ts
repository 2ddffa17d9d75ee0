import type { ServerResponse } from 'node:http';
import type { DiscordErrorCode } from './discord-errors.js';

/**
 * Which requests a fault applies to, matched on the path without `/api` or `/api/v10`:
 * an exact path, a glob where `*` is one segment (`/channels/*\/messages`), or a RegExp.
 */
export type RouteMatcher = string | RegExp;

/** What a matching request gets instead of its normal answer. */
export type FaultEffect =
  | { kind: 'status'; status: number }
  | { kind: 'error'; code: DiscordErrorCode }
  | { kind: 'rate-limit'; retryAfterMs: number; global: boolean; scope: 'user' | 'shared' | 'global' }
  | { kind: 'hang' }
  | { kind: 'lose-answer' };

/** Common options: how many requests (default 1; `Infinity` = until cleared) and which method. */
export interface FaultOptions {
  count?: number;
  method?: string;
}

interface FaultRule {
  match: RouteMatcher;
  method: string | undefined;
  remaining: number;
  effect: FaultEffect;
}

const API_PREFIX = /^\/api(\/v\d+)?(?=\/)/;

function matches(match: RouteMatcher, path: string): boolean {
  if (match instanceof RegExp) return match.test(path);
  const wanted = match.replace(API_PREFIX, '');
  if (!wanted.includes('*')) return wanted === path;
  const pattern = wanted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]+');
  return new RegExp(`^${pattern}$`).test(path);
}

/** Fault injection for REST and OAuth requests: 5xx, JSON error codes, 429 storms and hangs. */
export class DiscordFaults {
  private rules: FaultRule[] = [];
  private readonly hung = new Set<ServerResponse>();

  /** The next requests matching `route` answer `status` (default 500) with Discord's error body. */
  failNext(route: RouteMatcher, options: FaultOptions & { status?: number } = {}): void {
    this.add(route, options, { kind: 'status', status: options.status ?? 500 });
  }

  /** The next requests matching `route` answer a JSON error code (e.g. 50007, 10003, 50001). */
  errorNext(route: RouteMatcher, code: DiscordErrorCode, options: FaultOptions = {}): void {
    this.add(route, options, { kind: 'error', code });
  }

  /** A 429 storm: the next requests matching `route` are rate limited for `retryAfterMs` (default 1000). */
  rateLimitNext(
    route: RouteMatcher,
    options: FaultOptions & { retryAfterMs?: number; global?: boolean; scope?: 'user' | 'shared' } = {},
  ): void {
    const global = options.global ?? false;
    this.add(route, options, {
      kind: 'rate-limit',
      retryAfterMs: options.retryAfterMs ?? 1000,
      global,
      scope: global ? 'global' : (options.scope ?? 'user'),
    });
  }

  /** The next requests matching `route` are never answered until {@link DiscordFaults.releaseHung}. */
  hangNext(route: RouteMatcher, options: FaultOptions = {}): void {
    this.add(route, options, { kind: 'hang' });
  }

  /**
   * The next requests matching `route` are carried out (a message is created) but the connection is
   * reset instead of answering: the client sees a network error without knowing it worked.
   */
  loseAnswerNext(route: RouteMatcher, options: FaultOptions = {}): void {
    this.add(route, options, { kind: 'lose-answer' });
  }

  /** Resets hung requests' connections so clients see a network error. */
  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  /** Removes every pending fault and releases hung requests. */
  clear(): void {
    this.rules = [];
    this.releaseHung();
  }

  /** @internal Consumes the first fault matching a request, if any. */
  take(method: string, path: string): FaultEffect | null {
    const rule = this.rules.find((r) => (!r.method || r.method === method) && matches(r.match, path));
    if (!rule) return null;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.effect;
  }

  /** @internal Keeps a response open until released. */
  hold(res: ServerResponse): void {
    this.hung.add(res);
  }

  private add(match: RouteMatcher, options: FaultOptions, effect: FaultEffect): void {
    const method = options.method?.toUpperCase();
    this.rules.push({ match, method, remaining: options.count ?? 1, effect });
  }
}
