import type { Clock } from './clock.js';
import type { RacedeskConfig } from './config/schema.js';
import type { Database } from './db/connect.js';
import type { MigrationStatus, MigrationUnit } from './db/migrator.js';
import type { EventBus } from './events/bus.js';
import type { ClusterFeed } from './events/cluster.js';
import type { Metrics } from './http/metrics.js';
import type { LoadedPlugin } from './plugins/runtime.js';
import type { Scheduler } from './scheduler/scheduler.js';

/** Which work an instance does: serve HTTP, run jobs, or both. */
export type InstanceRole = 'api' | 'worker' | 'all';

/** The services of a running instance, available to core routes as `app.racedesk`. */
export interface RacedeskRuntime {
  readonly config: RacedeskConfig;
  readonly role: InstanceRole;
  readonly clock: Clock;
  readonly db: Database;
  readonly databaseUrl: string;
  readonly bus: EventBus;
  readonly cluster: ClusterFeed;
  readonly scheduler: Scheduler;
  readonly metrics: Metrics;
  readonly plugins: readonly LoadedPlugin[];
  readonly migrationUnits: readonly MigrationUnit[];
  migrationStatus(): Promise<MigrationStatus[]>;
}

declare module 'fastify' {
  interface FastifyInstance {
    racedesk: RacedeskRuntime;
  }
}
