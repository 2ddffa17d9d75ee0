import type { Clock } from '@racedesk/core';
import type { TimerClock } from './timer-clock.js';

/**
 * The context's clock as a {@link TimerClock}: the testkit's TestClock already is one (so every
 * racetime timer follows test time); a plain clock gets real, unref'd timers.
 */
export function timerClockOf(clock: Clock): TimerClock {
  const candidate = clock as Partial<TimerClock>;
  if (typeof candidate.setTimeout === 'function' && typeof candidate.clearTimeout === 'function')
    return clock as TimerClock;
  return {
    now: () => clock.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  };
}
