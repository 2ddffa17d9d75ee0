/** The one source of time in Racedesk: code asks the clock, never `new Date()` directly, so tests control time. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

/** The wall clock used in production. */
export const systemClock: Clock = { now: () => new Date() };
