import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/connect.js';

interface PoolLike {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
}

/** The Prometheus metrics of one app instance (its own registry, so tests can run several apps). */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'racedesk_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly httpSeconds = new Histogram({
    name: 'racedesk_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });
  readonly eventsEmitted = new Counter({
    name: 'racedesk_events_emitted_total',
    help: 'Events written to the outbox',
    labelNames: ['event'],
    registers: [this.registry],
  });
  readonly subscriberRuns = new Counter({
    name: 'racedesk_event_subscriber_runs_total',
    help: 'Subscriber runs by outcome',
    labelNames: ['subscriber', 'outcome'],
    registers: [this.registry],
  });
  readonly subscriberSeconds = new Histogram({
    name: 'racedesk_event_subscriber_duration_seconds',
    help: 'Subscriber run duration',
    labelNames: ['subscriber'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: 'racedesk_job_runs_total',
    help: 'Job runs by job and outcome',
    labelNames: ['job', 'outcome'],
    registers: [this.registry],
  });
  readonly jobSeconds = new Histogram({
    name: 'racedesk_job_duration_seconds',
    help: 'Job run duration',
    labelNames: ['job'],
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    registers: [this.registry],
  });

  constructor(db: Database) {
    collectDefaultMetrics({ register: this.registry, prefix: 'racedesk_' });
    const pool = () => (db.client as { pool?: PoolLike }).pool;
    const gauge = (name: string, help: string, read: (p: PoolLike) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          const p = pool();
          this.set(p ? read(p) : 0);
        },
      });
    gauge('racedesk_db_pool_used', 'Database connections in use', (p) => p.numUsed());
    gauge('racedesk_db_pool_free', 'Idle database connections', (p) => p.numFree());
    gauge('racedesk_db_pool_pending', 'Requests waiting for a database connection', (p) =>
      p.numPendingAcquires(),
    );
  }
}
