/** @racedesk/testkit: everything a Racedesk or plugin test needs. */
export { TestClock, realTimerClock, toMillis, type TimerClock } from './clock.js';
