import { randomUUID } from 'node:crypto';
import { PostgresBackend } from '@agendajs/postgres-backend';
import { Agenda, backoffStrategies, type Job } from 'agenda';
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Clock } from '../clock.js';
import { DuplicateNameError } from '../errors.js';
import type { Metrics } from '../http/metrics.js';
import type { JobRun, RetryPolicy } from './define-job.js';
import { type JobSummary, listJobs } from './job-list.js';

/** A job as the scheduler runs it: full name, options and a handler bound to its plugin. */
export interface RegisteredJob {
  name: string;
  every?: string;
  cron?: string;
  concurrency?: number;
  lockLifetimeMs?: number;
  retry?: RetryPolicy;
  handler: (run: JobRun<Record<string, unknown>>) => Promise<void>;
}

export interface SchedulerOptions {
  databaseUrl: string;
  logger: FastifyBaseLogger;
  clock: Clock;
  metrics?: Metrics;
  /** Whether this instance runs jobs (worker/all roles) or only enqueues them (api role). */
  processJobs: boolean;
  /** How often the worker polls for due jobs; notifications make most runs immediate. */
  processEveryMs?: number;
  /** Instance name recorded on locked jobs. */
  instanceName?: string;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, delayMs: 1_000 };
const UNIQUE_VIOLATION = '23505';
const DEFAULT_LOCK_LIFETIME_MS = 10 * 60_000;

/**
 * The task scheduler: Agenda on PostgreSQL. Recurring jobs use `every`/`cron`; time-critical work is
 * a one-off job at its exact time under a unique key (scheduling the key again moves it).
 */
export class Scheduler {
  private readonly jobs = new Map<string, RegisteredJob>();
  private agenda?: Agenda;
  private pool?: pg.Pool;
  private started = false;
  private running = 0;
  /** Agenda's queue fillings under way (see {@link countQueueFillings}). */
  private filling = 0;
  private readonly instanceName: string;

  constructor(private readonly options: SchedulerOptions) {
    this.instanceName = options.instanceName ?? `racedesk-${process.pid}-${randomUUID().slice(0, 8)}`;
  }

  /** Registers a job; a name registered twice is a boot error (Agenda would silently overwrite it). */
  register(job: RegisteredJob): void {
    if (this.jobs.has(job.name)) throw new DuplicateNameError(`Job "${job.name}" is defined twice`);
    this.jobs.set(job.name, job);
  }

  /** Whether the scheduler is started and, on workers, processing jobs. */
  get isStarted(): boolean {
    return this.started;
  }

  get processesJobs(): boolean {
    return this.options.processJobs;
  }

  async start(): Promise<void> {
    // Our own pool, so the scheduler's connections are closed on stop on every role (Agenda only
    // disconnects a backend it started processing with).
    const pool = new pg.Pool({ connectionString: this.options.databaseUrl, max: 5 });
    pool.on('error', (err) => this.options.logger.warn({ err }, 'scheduler connection error'));
    this.pool = pool;
    const backend = new PostgresBackend({
      pool,
      tableName: 'agenda_jobs',
      ensureSchema: false,
    });
    const agenda = new Agenda({
      backend,
      name: this.instanceName,
      processEvery: this.options.processEveryMs ?? 5_000,
      // Agenda caps all jobs of an instance at 20 by default: a wave of one job (500 rooms due at 18:00)
      // would hold every slot and starve the others. Each job's own concurrency is its limit instead.
      maxConcurrency: Math.max(
        20,
        [...this.jobs.values()].reduce((n, job) => n + (job.concurrency ?? 1), 0),
      ),
      defaultLockLifetime: DEFAULT_LOCK_LIFETIME_MS,
    });
    agenda.on('error', (err) => this.options.logger.error({ err }, 'scheduler error'));
    // Counted from Agenda's own start/complete events: 'complete' fires after the run's outcome
    // (failure count, retry time) is saved. Events relayed from other instances are ignored.
    agenda.on('start', (_job: unknown, remote?: boolean) => {
      if (remote !== true) this.running++;
    });
    agenda.on('complete', (_job: unknown, remote?: boolean) => {
      if (remote !== true) this.running--;
    });
    for (const job of this.jobs.values()) this.defineOnAgenda(agenda, job);
    await agenda.ready;
    this.agenda = agenda;
    if (this.options.processJobs) {
      await agenda.start();
      this.countQueueFillings(agenda);
      for (const job of this.jobs.values()) {
        if (job.every) await agenda.every(job.every, job.name, {}, { skipImmediate: false });
        else if (job.cron) await agenda.every(job.cron, job.name, {});
      }
    }
    this.started = true;
  }

  private defineOnAgenda(agenda: Agenda, job: RegisteredJob): void {
    const retry = job.retry ?? DEFAULT_RETRY;
    agenda.define(
      job.name,
      async (agendaJob: Job<Record<string, unknown>>) => {
        const started = performance.now();
        try {
          await job.handler({
            name: job.name,
            data: agendaJob.attrs.data ?? {},
            attempt: (agendaJob.attrs.failCount ?? 0) + 1,
            scheduledFor: agendaJob.attrs.nextRunAt ?? this.options.clock.now(),
          });
          this.options.metrics?.jobRuns.inc({ job: job.name, outcome: 'ok' });
        } catch (err) {
          this.options.metrics?.jobRuns.inc({ job: job.name, outcome: 'error' });
          this.options.logger.warn({ err, job: job.name, jobId: agendaJob.attrs._id }, 'job failed');
          throw err;
        } finally {
          this.options.metrics?.jobSeconds.observe({ job: job.name }, (performance.now() - started) / 1000);
        }
      },
      {
        concurrency: job.concurrency ?? 1,
        lockLifetime: job.lockLifetimeMs ?? DEFAULT_LOCK_LIFETIME_MS,
        backoff: backoffStrategies.exponential({ delay: retry.delayMs, maxRetries: retry.attempts }),
      },
    );
  }

  private requireAgenda(jobName: string): Agenda {
    if (!this.jobs.has(jobName)) throw new Error(`Job "${jobName}" is not defined`);
    if (!this.agenda) throw new Error('The scheduler is not started');
    return this.agenda;
  }

  /**
   * Schedules a one-off run at an exact time. With a `key`, at most one pending run per (job, key)
   * exists: scheduling the same key again moves it. A unique index makes that hold across instances.
   */
  async schedule(jobName: string, at: Date, data: Record<string, unknown> = {}, key?: string): Promise<void> {
    const agenda = this.requireAgenda(jobName);
    const save = () => {
      const job = agenda.create(jobName, key === undefined ? data : { ...data, uniqueKey: key });
      if (key !== undefined) job.unique({ 'data.uniqueKey': key });
      return job.schedule(at).save();
    };
    try {
      await save();
    } catch (err) {
      // Another instance inserted the same key between Agenda's look-up and insert: update it instead.
      if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
      await save();
    }
  }

  /** Runs a job as soon as a worker can. */
  async now(jobName: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.requireAgenda(jobName).now(jobName, data);
  }

  /** Removes pending runs of a job: those under one key, or all of them. Returns how many. */
  async cancel(jobName: string, key?: string): Promise<number> {
    const agenda = this.requireAgenda(jobName);
    return agenda.cancel(key === undefined ? { name: jobName } : { name: jobName, data: { uniqueKey: key } });
  }

  /** The jobs in the store, for operators (`racedesk jobs`, the admin API). */
  async list(
    filter: { name?: string; state?: JobSummary['state']; limit?: number; skip?: number } = {},
  ): Promise<JobSummary[]> {
    if (!this.agenda) return [];
    return listJobs(this.agenda, filter);
  }

  /** Looks for due jobs right now instead of waiting for the next poll (tests use it after moving the clock). */
  async poke(): Promise<void> {
    const processor = (this.agenda as unknown as { jobProcessor?: { process(): Promise<void> } })
      ?.jobProcessor;
    await processor?.process();
  }

  /**
   * Runs every job that is due now and waits until none is due or running, for up to `timeoutMs`
   * of real time. Tests call it (through the test clock) after moving time forward.
   */
  async settle(timeoutMs = 45_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      await this.poke();
      const due = await this.dueJobs();
      if (due.length === 0 && this.running === 0 && this.filling === 0) return;
      if (performance.now() > deadline) {
        throw new Error(
          `Jobs did not settle: ${due.length} due (${due.join(', ')}), ${this.running} running, ${this.filling} being locked`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * Counts Agenda's queue fillings under way. Besides its polls, Agenda fills its queue when the store
   * says a job was saved: that run is locked in the store before it is in Agenda's list of locked jobs,
   * and {@link settle} must not take that moment for quiet.
   */
  private countQueueFillings(agenda: Agenda): void {
    const processor = (
      agenda as unknown as { jobProcessor?: { jobQueueFilling(name: string): Promise<void> } }
    ).jobProcessor;
    if (!processor) return;
    const fill = processor.jobQueueFilling.bind(processor);
    processor.jobQueueFilling = async (name) => {
      this.filling++;
      try {
        await fill(name);
      } finally {
        this.filling--;
      }
    };
  }

  /** When the earliest pending one-off job is due (test clocks stop there), if any. */
  async nextOneOffDue(): Promise<Date | undefined> {
    if (!this.pool || !this.options.processJobs) return undefined;
    const result = await this.pool.query(
      `select min(next_run_at) as due from agenda_jobs
       where name = any($1) and disabled = false and repeat_interval is null and locked_at is null`,
      [[...this.jobs.keys()]],
    );
    return (result.rows[0] as { due: Date | null }).due ?? undefined;
  }

  /**
   * Jobs that are due now and still to be run here: free due rows in the store (unlocked, or with an
   * expired lock), plus the runs this instance has locked and not finished (Agenda's own list, so a
   * lock left by a dead instance never counts as ours).
   */
  private async dueJobs(): Promise<string[]> {
    if (!this.pool || !this.options.processJobs) return [];
    const now = this.options.clock.now();
    const result = await this.pool.query(
      `select name, next_run_at from agenda_jobs
       where name = any($1) and disabled = false and next_run_at <= $2
         and (locked_at is null or locked_at <= $3)`,
      [[...this.jobs.keys()], now, new Date(now.getTime() - DEFAULT_LOCK_LIFETIME_MS)],
    );
    const free = (result.rows as Array<{ name: string; next_run_at: Date }>).map(
      (r) => `${r.name} due ${r.next_run_at.toISOString()}`,
    );
    const processor = (this.agenda as unknown as { jobProcessor?: { lockedJobs?: Job[] } })?.jobProcessor;
    // Agenda also locks runs due within its next poll and waits for them: only those due now count.
    // A lock that has outlived its lifetime is dropped by Agenda (but left in its list); the store
    // query above counts that run as free again.
    const locked = (processor?.lockedJobs ?? [])
      .filter((job) => !job.attrs.nextRunAt || job.attrs.nextRunAt <= now)
      .filter((job) => {
        const lifetime = this.jobs.get(job.attrs.name)?.lockLifetimeMs ?? DEFAULT_LOCK_LIFETIME_MS;
        return !job.attrs.lockedAt || now.getTime() - job.attrs.lockedAt.getTime() < lifetime;
      })
      .map((job) => `${job.attrs.name} locked here`);
    return [...free, ...locked];
  }

  /** Number of job runs in progress on this instance. */
  get runningCount(): number {
    return this.running;
  }

  /** Stops taking jobs and waits for running ones up to the deadline. */
  async stop(deadlineMs = 10_000): Promise<void> {
    if (!this.agenda) return;
    const agenda = this.agenda;
    this.agenda = undefined;
    this.started = false;
    if (this.options.processJobs) {
      await agenda.drain({ timeout: deadlineMs, closeConnection: false }).catch(() => {});
      await agenda.stop(false).catch(() => {});
    }
    await this.pool?.end().catch(() => {});
    this.pool = undefined;
  }
}
