import {
  type BuildAppOptions,
  buildApp,
  type InstanceRole,
  type PluginDefinition,
  type RacedeskApp,
  validateConfig,
} from '@racedesk/core';
import { TestClock } from './clock.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** Something with a teardown hook, such as tap's `t`. */
interface Teardown {
  teardown(fn: () => Promise<void> | void): void;
}

export interface TestAppOptions {
  plugins?: readonly PluginDefinition[];
  /** Config overrides (same shape as racedesk.config.json plus env-only keys). */
  config?: Record<string, unknown>;
  /** Defaults to a new `TestClock`; pass one to share it between apps. */
  clock?: TestClock;
  role?: InstanceRole;
  /** Reuse a database (two instances on one database); default: a fresh one, dropped on close. */
  database?: TestDatabase;
  /** Registers `close()` on the test's teardown. */
  t?: Teardown;
  logLevel?: string;
  /** Log to this logger instead (e.g. to read what the app logs, such as the first-run setup code). */
  logger?: BuildAppOptions['loggerInstance'];
  /** Rate limits per minute (default: production limits); `false` turns them off for request-heavy tests. */
  rateLimits?: BuildAppOptions['rateLimits'];
}

/** A ready app on its own database, with a test clock that also drives its jobs. */
export interface TestApp {
  app: RacedeskApp;
  clock: TestClock;
  database: TestDatabase;
  /** Moves the clock, runs due jobs and waits for event subscribers to finish. */
  advance(span: number | string): Promise<void>;
  /** Waits until due jobs and event subscribers are done, without moving time. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** Apps open per database URL, so a shared database is dropped only after the last one closes. */
const openApps = new Map<string, number>();
const pendingDrops = new Map<string, () => Promise<void>>();

async function release(url: string): Promise<void> {
  const left = (openApps.get(url) ?? 1) - 1;
  openApps.set(url, left);
  const drop = pendingDrops.get(url);
  if (left === 0 && drop) {
    pendingDrops.delete(url);
    openApps.delete(url);
    await drop();
  }
}

/** Builds a test app: fresh database, migrations, plugins, test clock; no port is opened. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new TestClock();
  const ownsClock = !options.clock;
  const database = options.database ?? (await createTestDatabase());
  const config = validateConfig({
    secretKey: 'a'.repeat(64),
    logLevel: options.logLevel ?? process.env.LOG_LEVEL ?? 'silent',
    ...options.config,
  });
  const buildOptions: BuildAppOptions = {
    config,
    databaseUrl: database.url,
    plugins: options.plugins ?? [],
    clock,
    role: options.role ?? 'all',
    jobPollMs: 1_000,
    loggerInstance: options.logger,
    rateLimits: options.rateLimits,
  };
  let app: RacedeskApp;
  openApps.set(database.url, (openApps.get(database.url) ?? 0) + 1);
  if (!options.database) pendingDrops.set(database.url, () => database.drop());
  try {
    app = await buildApp(buildOptions);
    await app.ready();
  } catch (err) {
    await release(database.url);
    if (ownsClock) clock.uninstall();
    throw err;
  }
  const settle = async () => {
    for (let round = 0; round < 20; round++) {
      await app.racedesk.scheduler.settle();
      await app.racedesk.bus.idle();
      // Subscribers may have scheduled jobs due now (e.g. a notification delivery): run those too.
      await app.racedesk.scheduler.settle();
      await app.racedesk.bus.idle();
      if (app.racedesk.scheduler.runningCount === 0) return;
    }
  };
  const detach = clock.onAdvance(settle, () => app.racedesk.scheduler.nextOneOffDue());
  let closed = false;
  const testApp: TestApp = {
    app,
    clock,
    database,
    advance: (span) => clock.advance(span),
    settle,
    close: async () => {
      if (closed) return;
      closed = true;
      detach();
      await app.close();
      await release(database.url);
      if (ownsClock) clock.uninstall();
    },
  };
  options.t?.teardown(testApp.close);
  return testApp;
}
