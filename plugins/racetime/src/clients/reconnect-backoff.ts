/** Options of {@link ReconnectBackoff}. */
export interface ReconnectBackoffOptions {
  /** First delay before jitter. Default 1 s. */
  initialMs?: number;
  /** Cap. Default 5 min, like the Rust client and sglman. */
  maxMs?: number;
  /** Source of jitter in [0, 1); injectable for deterministic tests. */
  random?: () => number;
}

/**
 * Exponential backoff with jitter: attempt n waits between half and all of `initial × 2^n` (capped),
 * so rooms dropped together by a proxy restart do not all reconnect in the same instant.
 */
export class ReconnectBackoff {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: ReconnectBackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 1_000;
    this.maxMs = options.maxMs ?? 300_000;
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next attempt; each call doubles the following one. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt);
    this.attempt = Math.min(this.attempt + 1, 30);
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  /** Back to the initial delay (after a connection proved healthy). */
  reset(): void {
    this.attempt = 0;
  }

  /** Attempts since the last reset. */
  get attempts(): number {
    return this.attempt;
  }
}
