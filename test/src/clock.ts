import type { Clock } from '@racedesk/core';
import { install } from '@sinonjs/fake-timers';

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
/** Tells the clock when something (a scheduled job) next needs time to stop, if at all. */
type NextDue = () => Promise<Date | undefined>;
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
  private readonly stops: NextDue[] = [];
  private installed = true;
  /** Only one test clock can own the global `Date`; a new one replaces the previous one. */
  private static current?: TestClock;

  constructor(start: Date | string = '2030-01-07T12:00:00.000Z') {
    TestClock.current?.uninstall();
    this.fake = install({ now: new Date(start), toFake: ['Date'], shouldAdvanceTime: false });
    TestClock.current = this;
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
  onAdvance(hook: AdvanceHook, nextDue?: NextDue): () => void {
    this.hooks.push(hook);
    if (nextDue) this.stops.push(nextDue);
    return () => {
      if (this.hooks.includes(hook)) this.hooks.splice(this.hooks.indexOf(hook), 1);
      if (nextDue && this.stops.includes(nextDue)) this.stops.splice(this.stops.indexOf(nextDue), 1);
    };
  }

  private async nextStop(target: number): Promise<number | undefined> {
    const dues = await Promise.all(this.stops.map((next) => next()));
    const times = dues
      .map((d) => d?.getTime())
      .filter((ms): ms is number => ms !== undefined && ms <= target);
    return times.length ? Math.max(this.fake.now, Math.min(...times)) : undefined;
  }

  /** Moves time forward by `span`, firing timers at their exact times along the way. */
  async advance(span: number | string): Promise<void> {
    await this.advanceTo(this.fake.now + toMillis(span));
  }

  /**
   * Moves time forward to `when` (never backwards), stopping at every timer and every one-off job
   * on the way, so each runs at its exact time.
   */
  async advanceTo(when: Date | number | string): Promise<void> {
    const target = new Date(when).getTime();
    if (target < this.fake.now) throw new Error('The test clock cannot go backwards');
    // Work due now may still be running and about to schedule the next stop (a retry): let it finish first.
    await this.runHooks();
    for (let steps = 0; steps < 10_000; steps++) {
      const timer = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      const job = await this.nextStop(target);
      if (timer && (job === undefined || timer.at <= job)) {
        this.timers = this.timers.filter((t) => t !== timer);
        this.fake.setSystemTime(Math.max(this.fake.now, timer.at));
        timer.fn();
        await new Promise((resolve) => setImmediate(resolve));
      } else if (job !== undefined) {
        this.fake.setSystemTime(job);
        await this.runHooks();
      } else break;
    }
    this.fake.setSystemTime(target);
    await this.runHooks();
  }

  private async runHooks(): Promise<void> {
    for (const hook of [...this.hooks]) await hook();
  }

  /** Restores the real `Date`. */
  uninstall(): void {
    if (!this.installed) return;
    this.installed = false;
    this.timers = [];
    this.fake.uninstall();
    if (TestClock.current === this) TestClock.current = undefined;
  }
}
