import { useState } from 'react';
import { usePagedApi } from '../../api/use-api';
import { AutoRefresh } from '../../components/auto-refresh';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField } from '../../components/field';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { ShowMore } from '../../components/show-more';
import { Time } from '../../components/time';

/** A job in the store, as `GET /api/v1/jobs` lists it. */
interface Job {
  id: string;
  name: string;
  state: 'scheduled' | 'queued' | 'running' | 'completed' | 'failed' | 'repeating';
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  failCount: number;
  failReason: string | null;
  repeatInterval: string | null;
}

const STATES = [
  { value: '', label: 'Any state' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'queued', label: 'Due now' },
  { value: 'running', label: 'Running' },
  { value: 'repeating', label: 'Repeating' },
  { value: 'failed', label: 'Failed' },
  { value: 'completed', label: 'Completed' },
];

const PAGE = 50;

/** Scheduled, running and failed jobs with their last error (what `racedesk jobs` prints). */
export function InstanceJobsPage() {
  const [state, setState] = useState('');
  const jobs = usePagedApi<Job>('/jobs', { limit: PAGE, state: state || undefined });
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Work Racedesk and its plugins run on a schedule: room openings, syncs, deliveries. Soonest first."
        actions={
          <AutoRefresh
            resource={jobs}
            everyMs={10_000}
            paused={(jobs.items?.length ?? 0) > PAGE}
            pausedReason="while more pages are shown"
          />
        }
      />
      <div className="filters">
        <SelectField
          label="State"
          value={state}
          options={STATES}
          onChange={(e) => setState(e.target.value)}
        />
      </div>
      {jobs.error ? <ErrorNotice error={jobs.error} retry={() => void jobs.reload()} /> : null}
      {jobs.items === undefined ? (
        jobs.error ? null : (
          <Loading label="Loading jobs…" />
        )
      ) : jobs.items.length === 0 ? (
        <EmptyState title={state ? 'No jobs in this state' : 'No jobs yet'}>
          {state
            ? 'Choose another state, or Any state.'
            : 'Jobs appear once plugins are on and matches are scheduled.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Jobs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">State</th>
                <th scope="col">Next run</th>
                <th scope="col">Last run</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {jobs.items.map((j) => (
                <tr key={j.id}>
                  <td className="mono">
                    {j.name}
                    {j.repeatInterval ? <div className="muted">every {j.repeatInterval}</div> : null}
                  </td>
                  <td>
                    <span className={`badge${j.state === 'failed' ? ' badge-danger' : ''}`}>{j.state}</span>
                  </td>
                  <td>{j.nextRunAt ? <Time iso={j.nextRunAt} /> : '—'}</td>
                  <td>{j.lastRunAt ? <Time iso={j.lastRunAt} /> : '—'}</td>
                  <td>
                    {j.failReason ? (
                      <>
                        {j.failReason}
                        <div className="muted">
                          failed {j.failCount} {j.failCount === 1 ? 'time' : 'times'}
                        </div>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShowMore list={jobs} />
    </>
  );
}
