import type { Clock } from '@racedesk/core';

interface BucketSchedule {
  /** When the first retry slot opens (the bucket's reset). */
  base: number;
  windowMs: number;
  limit: number;
  /** Slots handed out since `base`. */
  used: number;
}

/**
 * Spreads retries of rate-limited deliveries over the windows Discord allows: the first `limit`
 * retries go at the bucket's reset, the next `limit` one window later, and so on. Without it, a
 * burst of 10,000 DMs would all retry at the same reset and bounce again, over and over.
 * Per process: across instances it is only an estimate, and Discord's answers stay the truth.
 */
export class RetryPacer {
  private readonly buckets = new Map<string, BucketSchedule>();

  constructor(private readonly clock: Clock) {}

  /** Milliseconds the caller should wait before retrying on `bucket`. */
  delay(bucket: string, retryAfterMs: number, limit: number): number {
    const now = this.clock.now().getTime();
    const reset = now + retryAfterMs;
    let schedule = this.buckets.get(bucket);
    const lastSlot = schedule
      ? schedule.base + Math.floor(Math.max(0, schedule.used - 1) / schedule.limit) * schedule.windowMs
      : Number.NEGATIVE_INFINITY;
    if (!schedule || lastSlot < reset) {
      // Nothing queued past this reset: start a fresh schedule there.
      schedule = {
        base: reset,
        windowMs: Math.max(retryAfterMs, schedule?.windowMs ?? 0, 1),
        limit: Math.max(1, limit),
        used: 0,
      };
      this.buckets.set(bucket, schedule);
    }
    // Any wait Discord announces is at most one window: the longest seen is the best estimate.
    schedule.windowMs = Math.max(schedule.windowMs, retryAfterMs);
    const slot = schedule.base + Math.floor(schedule.used / schedule.limit) * schedule.windowMs;
    schedule.used++;
    return Math.max(1, slot - now);
  }
}
