/**
 * SpeedGaming schedule API emulator (shared/reference/speedgaming-api.md): `/api/schedule`,
 * `/api/episode` and `/api/event`, with and without trailing slash, JSON served as `text/html`,
 * errors as HTTP 200 `{"error"}`, a mutable store, fault injection and a request log.
 */
import { realTimerClock, type TimerClock } from '../../clock.js';
import { type BulkScheduleOptions, type BulkScheduleResult, generateBulkSchedule } from './bulk-generator.js';
import { FaultController } from './faults.js';
import { RequestLog } from './request-log.js';
import type { RouteOptions } from './routes.js';
import { startSgServer } from './server.js';
import { SpeedGamingStore } from './store.js';

export type { BulkScheduleOptions, BulkScheduleResult } from './bulk-generator.js';
export type {
  ChannelInput,
  CrewInput,
  EpisodeInput,
  EventInput,
  MatchInput,
  PlayerInput,
} from './episode-factory.js';
export { FaultController, type FaultKind, type FaultSpec, type FaultTarget } from './faults.js';
export { RequestLog, type SgRequestRecord } from './request-log.js';
export type { RequestMatcher } from './request-matcher.js';
export { INVALID_DATE_ERROR, UNKNOWN_EVENT_ERROR } from './schedule-query.js';
export { formatSgTime, parseIsoInstant } from './sg-time.js';
export { type EpisodePatch, SpeedGamingStore } from './store.js';
export type * from './types.js';

/** Options of {@link startSpeedGamingEmulator}; all optional. */
export interface SpeedGamingEmulatorOptions extends Partial<RouteOptions> {
  /** Time source for the default schedule window, default airtimes and delayed answers. */
  clock?: TimerClock;
  /** Port on 127.0.0.1; 0 or omitted = a free one. */
  port?: number;
}

/** A running emulator. Point the SpeedGaming client's base URL at `url` (it serves `/api/...`). */
export interface SpeedGamingEmulator {
  /** `http://127.0.0.1:PORT`, the equivalent of `https://speedgaming.org`. */
  url: string;
  /** Events and episodes; change them between polls. */
  store: SpeedGamingStore;
  /** Every request received, for counting calls. */
  requests: RequestLog;
  /** Arms 5xx, hangs, delays, malformed JSON and `{"error"}` answers for upcoming requests. */
  faults: FaultController;
  /** Fills the store with a large schedule for benchmarks (default 5,000 episodes, 20,000 people). */
  generateBulk(options?: BulkScheduleOptions): BulkScheduleResult;
  /** Stops the server, dropping hung and delayed requests. */
  close(): Promise<void>;
}

/** Starts a SpeedGaming emulator on 127.0.0.1. */
export async function startSpeedGamingEmulator(
  options: SpeedGamingEmulatorOptions = {},
): Promise<SpeedGamingEmulator> {
  const clock = options.clock ?? realTimerClock;
  const store = new SpeedGamingStore(clock);
  const requests = new RequestLog();
  const faults = new FaultController();
  const routeOptions: RouteOptions = {
    slashless: options.slashless ?? 'serve',
    episodeNotFound: options.episodeNotFound ?? 'error',
    defaultWindowMs: options.defaultWindowMs ?? 24 * 3_600_000,
  };
  const server = await startSgServer(
    { store, faults, log: requests, clock, options: routeOptions },
    options.port,
  );
  return {
    url: `http://127.0.0.1:${server.port}`,
    store,
    requests,
    faults,
    generateBulk: (bulk) => generateBulkSchedule(store, clock, bulk),
    close: () => server.close(),
  };
}
