import { type FormEvent, useState } from 'react';
import type { AuditEntry } from '../api/types';
import { usePagedApi } from '../api/use-api';
import { actorLabel } from './actor-label';
import { Button } from './button';
import { EmptyState } from './empty-state';
import { ErrorNotice } from './error-notice';
import { TextField } from './field';
import { Loading } from './loading';
import { ShowMore } from './show-more';
import { Time } from './time';

/** An audit log (org or instance), newest first, filterable by action, paged with "Show more". */
export function AuditTable({ path }: { path: string }) {
  const [action, setAction] = useState('');
  const [applied, setApplied] = useState('');
  const log = usePagedApi<AuditEntry>(path, { limit: 50, action: applied || undefined });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied(action.trim());
  };
  return (
    <>
      <form className="form form-inline" onSubmit={submit}>
        <TextField
          label="Action"
          placeholder="e.g. plugin.enabled"
          value={action}
          onChange={(e) => setAction(e.target.value)}
        />
        <Button type="submit">Filter</Button>
        {applied ? (
          <Button
            variant="ghost"
            onClick={() => {
              setAction('');
              setApplied('');
            }}
          >
            Clear
          </Button>
        ) : null}
      </form>
      {log.error ? <ErrorNotice error={log.error} retry={() => void log.reload()} /> : null}
      {log.items === undefined ? (
        log.error ? null : (
          <Loading label="Loading the audit log…" />
        )
      ) : log.items.length === 0 ? (
        <EmptyState title={applied ? `No “${applied}” entries` : 'Nothing recorded yet'}>
          {applied
            ? 'Check the action name, or clear the filter.'
            : 'Changes people and plugins make are recorded here.'}
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">Who</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {log.items.map((entry) => (
                <tr key={entry.id}>
                  <td className="nowrap">
                    <Time iso={entry.createdAt} />
                  </td>
                  <td className="mono">{entry.action}</td>
                  <td>{actorLabel(entry)}</td>
                  <td>{entry.target ? `${entry.target.type} ${entry.target.id}` : '—'}</td>
                  <td>
                    {entry.details && Object.keys(entry.details).length > 0 ? (
                      <details>
                        <summary>Show</summary>
                        <pre className="json">{JSON.stringify(entry.details, null, 2)}</pre>
                      </details>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShowMore list={log} />
    </>
  );
}
