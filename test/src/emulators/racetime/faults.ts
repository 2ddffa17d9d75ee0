import type { ServerResponse } from 'node:http';

/** Which requests a fault applies to: an exact path, a glob with `*`, or a RegExp on the path. */
export type PathMatcher = string | RegExp;

type HttpFaultEffect =
  | { kind: 'status'; status: number; body: string }
  | { kind: 'hang' }
  | { kind: 'hang-after' };

interface HttpFaultRule {
  match: PathMatcher;
  method: string | undefined;
  remaining: number;
  effect: HttpFaultEffect;
}

function matches(match: PathMatcher, path: string): boolean {
  if (match instanceof RegExp) return match.test(path);
  if (!match.includes('*')) return match === path;
  const pattern = match.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${pattern}$`).test(path);
}

/**
 * HTTP and websocket fault injection. HTTP faults also apply to websocket upgrade requests,
 * so `failNext('/ws/o/bot/*')` makes the next bot connection fail its handshake.
 */
export class FaultInjector {
  private rules: HttpFaultRule[] = [];
  private readonly delays = new Map<string, number>();
  private globalDelay = 0;
  private readonly hung = new Set<ServerResponse>();

  /** The next `count` requests to `path` get `status` (default 500) with `body` (default a plain text error). */
  failNext(
    path: PathMatcher,
    options: { status?: number; count?: number; method?: string; body?: string } = {},
  ): void {
    const status = options.status ?? 500;
    this.rules.push({
      match: path,
      method: options.method?.toUpperCase(),
      remaining: options.count ?? 1,
      effect: { kind: 'status', status, body: options.body ?? `Server Error (${status})` },
    });
  }

  /** The next `count` requests to `path` are never answered (a client timeout) until `releaseHung()`. */
  hangNext(path: PathMatcher, options: { count?: number; method?: string } = {}): void {
    this.rules.push({
      match: path,
      method: options.method?.toUpperCase(),
      remaining: options.count ?? 1,
      effect: { kind: 'hang' },
    });
  }

  /**
   * The next `count` requests to `path` are handled (a startrace creates its room) but never answered:
   * the client times out not knowing whether its write happened.
   */
  hangAfterNext(path: PathMatcher, options: { count?: number; method?: string } = {}): void {
    this.rules.push({
      match: path,
      method: options.method?.toUpperCase(),
      remaining: options.count ?? 1,
      effect: { kind: 'hang-after' },
    });
  }

  /** Delays every frame sent to sockets of `slug` (or of every race when omitted) by `ms` of clock time. */
  delayFrames(ms: number, slug?: string): void {
    if (slug) this.delays.set(slug, ms);
    else this.globalDelay = ms;
  }

  /** Resets hung requests' connections so clients see a network error. */
  releaseHung(): void {
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  /** Removes every pending fault and frame delay and releases hung requests. */
  clear(): void {
    this.rules = [];
    this.delays.clear();
    this.globalDelay = 0;
    this.releaseHung();
  }

  /** @internal Consumes the first fault matching a request, if any. */
  take(method: string, path: string): HttpFaultEffect | null {
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

  /** @internal Current frame delay for a race. */
  frameDelay(slug: string): number {
    return this.delays.get(slug) ?? this.globalDelay;
  }
}
