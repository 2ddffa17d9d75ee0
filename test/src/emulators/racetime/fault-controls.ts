import type { EmulatorState } from './emulator-state.js';
import type { FaultInjector, PathMatcher } from './faults.js';

/** Fault injection for tests: HTTP errors and hangs, expired tokens, dropped sockets, late frames. */
export interface FaultControls {
  /** The next `count` (default 1) requests to `path` answer `status` (default 500). Applies to websocket upgrades too. */
  failNext(
    path: PathMatcher,
    options?: { status?: number; count?: number; method?: string; body?: string },
  ): void;
  /** The next `count` requests to `path` are never answered (client timeout) until `releaseHung()`. */
  hangNext(path: PathMatcher, options?: { count?: number; method?: string }): void;
  /** The next `count` requests to `path` take effect (e.g. a startrace opens its room) but are never answered. */
  hangAfterNext(path: PathMatcher, options?: { count?: number; method?: string }): void;
  /** Resets the connections of hung requests. */
  releaseHung(): void;
  /** Delays frames to sockets of `slug` (or of all races) by `ms` of clock time; 0 turns it off. */
  delayFrames(ms: number, slug?: string): void;
  /**
   * Expires access tokens now (all, or those of one OAuth client): HTTP then answers 403 and socket
   * actions answer the permission error, while open sockets stay open (reference §5.7). Returns the count.
   */
  expireTokens(filter?: { clientId?: string; userId?: string }): number;
  /** Drops every socket of a race: abruptly (`terminate`) or with a close code and reason. */
  dropSockets(slug: string, options?: { code?: number; reason?: string }): number;
  /** Removes pending HTTP faults and frame delays. */
  clear(): void;
}

export function createFaultControls(state: EmulatorState, faults: FaultInjector): FaultControls {
  return {
    failNext: (path, options) => faults.failNext(path, options),
    hangNext: (path, options) => faults.hangNext(path, options),
    hangAfterNext: (path, options) => faults.hangAfterNext(path, options),
    releaseHung: () => faults.releaseHung(),
    delayFrames: (ms, slug) => faults.delayFrames(ms, slug),
    expireTokens: (filter = {}) =>
      state.tokens.expire(
        (t) =>
          (filter.clientId === undefined || t.clientId === filter.clientId) &&
          (filter.userId === undefined || t.userId === filter.userId),
      ),
    dropSockets: (slug, options) => {
      const room = state.rooms.get(slug);
      if (!room) throw new Error(`Unknown racetime race "${slug}"`);
      const sockets = [...room.sockets];
      for (const socket of sockets) {
        if (options?.code) socket.ws.close(options.code, options.reason);
        else socket.ws.terminate();
      }
      return sockets.length;
    },
    clear: () => faults.clear(),
  };
}
