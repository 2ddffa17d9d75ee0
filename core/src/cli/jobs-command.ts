import pino from 'pino';
import { systemClock } from '../clock.js';
import type { JobSummary } from '../scheduler/job-list.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { withDatabase } from './open-database.js';

/** `racedesk jobs`: jobs in the store with their state, next run and last failure. */
export function jobsCommand(filter: { name?: string; state?: string }): Promise<number> {
  return withDatabase(async (_db, _config, url) => {
    const scheduler = new Scheduler({
      databaseUrl: url,
      logger: pino({ level: 'silent' }),
      clock: systemClock,
      processJobs: false,
    });
    await scheduler.start();
    try {
      const jobs = await scheduler.list({ name: filter.name, state: filter.state as JobSummary['state'] });
      if (jobs.length === 0) console.log('No jobs.');
      for (const job of jobs) {
        const failure = job.failReason ? ` — failed ${job.failCount}x: ${job.failReason}` : '';
        console.log(`${job.state.padEnd(10)} ${job.name}  next: ${job.nextRunAt ?? '-'}${failure}`);
      }
      return 0;
    } finally {
      await scheduler.stop();
    }
  });
}
