/** What a job handler receives about the run. */
export interface JobRun<Data> {
  /** Full job name, `<plugin>:<job>`. */
  name: string;
  data: Data;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  /** When the run was due. */
  scheduledFor: Date;
}

/** Retries of a failing run: exponential backoff from `delayMs`, at most `attempts` retries. */
export interface RetryPolicy {
  attempts: number;
  delayMs: number;
}

/**
 * A job: recurring (`every` / `cron`) or one-off (scheduled by code with `scheduler.schedule`).
 * Handlers must be idempotent: running one twice changes nothing the second time.
 */
export interface JobDefinition<Data = Record<string, unknown>, Ctx = unknown> {
  /** Unique within its plugin; registered as `<plugin>:<name>`. */
  readonly name: string;
  readonly description?: string;
  /** Interval of a recurring job, in Agenda's human form (`'1 minute'`, `'5 minutes'`). */
  readonly every?: string;
  /** Cron expression of a recurring job. */
  readonly cron?: string;
  /** Runs of this job at once on one instance (default 1). */
  readonly concurrency?: number;
  /** A run locked longer than this is presumed dead and may be taken over (default 10 min). */
  readonly lockLifetimeMs?: number;
  readonly retry?: RetryPolicy;
  handler(run: JobRun<Data>, ctx: Ctx): Promise<void>;
}

/** Declares a job; exists for typing. */
export function defineJob<Data = Record<string, unknown>, Ctx = unknown>(
  definition: JobDefinition<Data, Ctx>,
): JobDefinition<Data, Ctx> {
  return definition;
}
