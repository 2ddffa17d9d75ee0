import { install } from '@sinonjs/fake-timers';
import type { Clock } from '@racedesk/core';

/** A clock that can also run callbacks later; emulators take one so tests drive their timers. */
export interface TimerClock extends Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time with real timers, for emulators run outside tests (`racedesk demo`). */
export const realTimerClock: TimerClock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

type AdvanceHook = () => Promise<void>;
interface PendingTimer {
  id: number;
  at: number;
  fn: () => void;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `250`, `'90s'`, `'10m'`, `'2h'`, `'1d'` into milliseconds. */
export function toMillis(span: number | string): number {
  if (typeof span === 'number') return span;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(span.trim());
  if (!match) throw new Error(`Cannot read the time span "${span}" (use e.g. 500, '90s', '10m', '2h')`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/**
 * A test clock. It also replaces the global `Date` (only `Date`: real timers keep running) so that
 * third-party libraries such as Agenda see the same time as Racedesk's own code.
 * `advance()` moves time forward, fires due emulator timers in order, then runs the advance hooks
 * (the test app uses one to let the scheduler run every job that has become due).
 */
export class TestClock implements TimerClock {
  private readonly fake: ReturnType<typeof install>;
  private timers: PendingTimer[] = [];
  private nextId = 1;
  private readonly hooks: AdvanceHook[] = [];

  constructor(start: Date | string = '2030-01-07T12:00:00.000Z') {
    this.fake = install({ now: new Date(start), toFake: ['Date'], shouldAdvanceTime: false });
  }

  now(): Date {
    return new Date(this.fake.now);
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.fake.now + Math.max(0, ms), fn };
    this.timers.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }

  /** Registers work to run after every advance (e.g. "run the jobs that are now due"). */
  onAdvance(hook: AdvanceHook): () => void {
    this.hooks.push(hook);
    return () => {
      const index = this.hooks.indexOf(hook);
      if (index >= 0) this.hooks.splice(index, 1);
    };
  }

  /** Moves time forward by `span`, firing timers at their exact times along the way. */
  async advance(span: number | string): Promise<void> {
    await this.advanceTo(this.fake.now + toMillis(span));
  }

  /** Moves time forward to `when` (never backwards). */
  async advanceTo(when: Date | number | string): Promise<void> {
    const target = new Date(when).getTime();
    if (target < this.fake.now) throw new Error('The test clock cannot go backwards');
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.fake.setSystemTime(Math.max(this.fake.now, due.at));
      due.fn();
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.fake.setSystemTime(target);
    for (const hook of this.hooks) await hook();
  }

  /** Restores the real `Date`. */
  uninstall(): void {
    this.timers = [];
    this.fake.uninstall();
  }
}
