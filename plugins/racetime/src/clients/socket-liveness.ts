import { performance } from 'node:perf_hooks';
import type { TimerClock } from './timer-clock.js';

/** Options of {@link SocketLiveness}. */
export interface SocketLivenessOptions {
  pingAfterMs: number;
  pongTimeoutMs: number;
  /** Sends a `ping` action. */
  ping(): void;
  /** Called when nothing arrived for `pongTimeoutMs` after the ping. */
  dead(): void;
}

/**
 * Real time the connection has, at least, to answer a ping: when the clock's `pongTimeoutMs` runs out
 * sooner than this after the ping went out (a test clock stepped over both timers at once), the verdict
 * waits until this much real time has passed. With the real clock it never comes into play.
 */
export const REPLY_ALLOWANCE_MS = 1_000;

/**
 * racetime.gg sends no pings of its own (§5.1), and a half-open TCP connection can stay silent for
 * hours: after a quiet spell we ping, and a connection that still says nothing is declared dead.
 *
 * A frame only notes when it arrived (no timer is reset per frame): the quiet-spell timer, when it
 * fires, looks at how long the socket has really been quiet and waits out the rest. A connection is
 * dead only when nothing came after the ping for `pongTimeoutMs` on the clock and the reply had
 * {@link REPLY_ALLOWANCE_MS} of real time to arrive: a jump of the clock alone never kills it.
 */
export class SocketLiveness {
  private timer: unknown = null;
  /** Clock time (ms) of the last frame. */
  private lastHeard = 0;
  /** Real time (performance.now) the unanswered ping went out, or null. */
  private pingedAt: number | null = null;
  private verdict: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: TimerClock,
    private readonly options: SocketLivenessOptions,
  ) {}

  /** Something arrived: the connection is alive. */
  heard(): void {
    this.lastHeard = this.clock.now().getTime();
    if (this.pingedAt !== null) this.stop();
    if (this.timer === null) this.arm(this.options.pingAfterMs);
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
    clearTimeout(this.verdict);
    this.verdict = undefined;
    this.pingedAt = null;
  }

  private arm(ms: number): void {
    this.timer = this.clock.setTimeout(() => this.quietSpell(), ms);
  }

  private quietSpell(): void {
    this.timer = null;
    const quiet = this.clock.now().getTime() - this.lastHeard;
    if (quiet < this.options.pingAfterMs) {
      this.arm(this.options.pingAfterMs - quiet);
      return;
    }
    this.options.ping();
    this.pingedAt = performance.now();
    this.timer = this.clock.setTimeout(() => this.unanswered(), this.options.pongTimeoutMs);
  }

  private unanswered(): void {
    this.timer = null;
    if (this.pingedAt === null) return;
    const waited = performance.now() - this.pingedAt;
    if (waited >= REPLY_ALLOWANCE_MS) {
      this.declareDead();
      return;
    }
    this.verdict = setTimeout(() => this.declareDead(), REPLY_ALLOWANCE_MS - waited);
    this.verdict.unref();
  }

  private declareDead(): void {
    this.stop();
    this.options.dead();
  }
}
