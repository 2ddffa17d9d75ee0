import type { Clock } from '@racedesk/core';

/** Discord's epoch (2015-01-01T00:00:00Z) in milliseconds, the base of every snowflake's timestamp. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** Makes Discord snowflakes (64-bit ids as decimal strings) from the injected clock. */
export class SnowflakeGenerator {
  private increment = 0n;

  constructor(private readonly clock: Clock) {}

  /** A new unique snowflake whose timestamp is the clock's now. */
  next(): string {
    const ms = BigInt(this.clock.now().getTime()) - DISCORD_EPOCH;
    // Worker 1, process 0; the 12-bit increment keeps ids unique within one millisecond.
    const id = (ms << 22n) | (1n << 17n) | (this.increment++ & 0xfffn);
    return id.toString();
  }
}

/** The creation time encoded in a snowflake. */
export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}

/** Whether `value` looks like a snowflake (a decimal string of 17 to 20 digits). */
export const isSnowflake = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{15,20}$/.test(value);
