/**
 * The public API of @racedesk/core: the only module plugins import at run time.
 */
export type { Clock } from './clock.js';
export { systemClock } from './clock.js';
