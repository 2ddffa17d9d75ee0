/**
 * The public API of @racedesk/core: the only module plugins import at run time.
 */
export { type Actor, anonymousActor, systemActor } from './actor.js';
export { type BuildAppOptions, buildApp } from './app.js';
export { type Clock, systemClock } from './clock.js';
export { loadConfig, validateConfig } from './config/load.js';
export { ConfigSchema, type RacedeskConfig } from './config/schema.js';
export { connectDatabase, type Database } from './db/connect.js';
export { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.js';
export { historyTable, type MigrationStatus, type MigrationUnit, migrationStatus } from './db/migrator.js';
export {
  badRequest,
  conflict,
  forbidden,
  notFound,
  RacedeskError,
  unauthorized,
  unprocessable,
} from './errors.js';
export type { EventBus, Subscription } from './events/bus.js';
export type { ClusterListener } from './events/cluster.js';
export {
  type DispatchedEvent,
  defineEvent,
  type EmitMeta,
  type EventDefinition,
  type PayloadOf,
} from './events/define-event.js';
export type { SubscriberPriority } from './events/priority.js';
export { redeliverPendingEvents } from './events/recovery.js';
export { ErrorResponse } from './http/error-shape.js';
export {
  definePlugin,
  defineSubscriber,
  type PluginContext,
  type PluginDefinition,
  type PluginEvents,
  type PluginScheduler,
  type PluginServices,
  type PluginSubscriber,
  type RacedeskApp,
  type RouteRegistrar,
} from './plugins/contract.js';
export { sortByDependencies } from './plugins/dependency-order.js';
export { CORE_VERSION } from './plugins/manifest.js';
export type { LoadedPlugin } from './plugins/runtime.js';
export type { InstanceRole, RacedeskRuntime } from './runtime.js';
export { defineJob, type JobDefinition, type JobRun, type RetryPolicy } from './scheduler/define-job.js';
export type { JobSummary } from './scheduler/job-list.js';
export type { Scheduler } from './scheduler/scheduler.js';
