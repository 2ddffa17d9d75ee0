import type { Clock } from '@racedesk/core';
import { type HttpSettings, realSleep } from './retrying-fetch.js';

/** A clock that can also run callbacks later (the testkit's TestClock is one). */
interface TimerClock extends Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const isTimerClock = (clock: Clock): clock is TimerClock =>
  typeof (clock as Partial<TimerClock>).setTimeout === 'function' &&
  typeof (clock as Partial<TimerClock>).clearTimeout === 'function';

/**
 * Waits between retries on the context's clock: with the testkit's TestClock a retry happens when the
 * test advances time (no real sleeping); a plain clock waits for real. Rejects when `signal` aborts.
 */
export function sleepOn(clock: Clock): HttpSettings['sleep'] {
  if (!isTimerClock(clock)) return realSleep;
  return (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clock.clearTimeout(handle);
        reject(signal?.reason);
      };
      const handle = clock.setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
}
