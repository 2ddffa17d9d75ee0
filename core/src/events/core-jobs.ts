import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { EventBus } from './bus.js';
import { redeliverPendingEvents } from './recovery.js';

const RETENTION_DAYS = 30;

/** The core's own jobs: redelivery of unconfirmed durable events, and pruning of old events. */
export function registerCoreJobs(deps: {
  scheduler: Scheduler;
  db: Database;
  bus: EventBus;
  clock: Clock;
}): void {
  deps.scheduler.register({
    name: 'core:redeliver-events',
    every: '30 seconds',
    handler: async () => {
      while ((await redeliverPendingEvents(deps.db, deps.bus, deps.clock)) > 0) {
        // keep going until the backlog is drained
      }
    },
  });
  deps.scheduler.register({
    name: 'core:prune-events',
    every: '1 day',
    handler: async () => {
      const cutoff = new Date(deps.clock.now().getTime() - RETENTION_DAYS * 86_400_000);
      await deps
        .db('events')
        .where('occurred_at', '<', cutoff)
        .whereRaw('cardinality(pending_subscribers) = 0')
        .del();
    },
  });
}
