import type { Clock } from '@racedesk/core';

/**
 * A clock that can also run callbacks later. Every racetime timer (request timeouts, token renewal,
 * reconnect backoff, liveness pings) goes through one, so tests drive them with the testkit's TestClock.
 */
export interface TimerClock extends Clock {
  /** Runs `fn` after `ms` milliseconds of this clock's time; returns a handle for `clearTimeout`. */
  setTimeout(fn: () => void, ms: number): unknown;
  /** Cancels a pending callback; unknown or fired handles are ignored. */
  clearTimeout(handle: unknown): void;
}

/** Wall-clock time with real timers; `unref`'d so a pending renewal never keeps the process alive. */
export const systemTimerClock: TimerClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
