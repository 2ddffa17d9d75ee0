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
 * racetime.gg sends no pings of its own (§5.1), and a half-open TCP connection can stay silent for
 * hours: after a quiet spell we ping, and a connection that still says nothing is declared dead.
 */
export class SocketLiveness {
  private timer: unknown = null;

  constructor(
    private readonly clock: TimerClock,
    private readonly options: SocketLivenessOptions,
  ) {}

  /** Something arrived: the connection is alive; restart the quiet-spell timer. */
  heard(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => this.probe(), this.options.pingAfterMs);
  }

  stop(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private probe(): void {
    this.options.ping();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.options.dead();
    }, this.options.pongTimeoutMs);
  }
}
