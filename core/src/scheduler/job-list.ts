import type { Agenda } from 'agenda';

/** A job as operators see it. */
export interface JobSummary {
  id: string;
  name: string;
  state: 'scheduled' | 'queued' | 'running' | 'completed' | 'failed' | 'repeating';
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  failCount: number;
  failReason: string | null;
  repeatInterval: string | null;
  data: unknown;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/** Reads jobs with their computed state from Agenda. */
export async function listJobs(
  agenda: Agenda,
  filter: { name?: string; state?: JobSummary['state']; limit?: number; skip?: number },
): Promise<JobSummary[]> {
  const result = await agenda.queryJobs({
    name: filter.name,
    state: filter.state,
    limit: filter.limit ?? 100,
    skip: filter.skip,
    sort: { nextRunAt: 'asc' },
  });
  return result.jobs.map((job) => ({
    id: String(job._id),
    name: job.name,
    state: job.state as JobSummary['state'],
    nextRunAt: iso(job.nextRunAt),
    lastRunAt: iso(job.lastRunAt),
    lastFinishedAt: iso(job.lastFinishedAt),
    failCount: job.failCount ?? 0,
    failReason: job.failReason ?? null,
    repeatInterval: job.repeatInterval ? String(job.repeatInterval) : null,
    data: job.data,
  }));
}
