import { useSearchParams } from 'react-router';
import type { Tournament } from '../../api/domain-types';
import { useApi, usePagedApi } from '../../api/use-api';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import type { PluginPageProps } from '../contract';
import { SyncResult } from './sync-result';
import type { SgSync } from './types';

/** Every SpeedGaming import run of the org, newest first, with what each could not import. */
export function SyncsPage({ org }: PluginPageProps) {
  const [params, setParams] = useSearchParams();
  const tournament = params.get('tournament') ?? '';
  const tournaments = useApi<{ items: Tournament[] }>(`/orgs/${org.slug}/tournaments`, { limit: 100 });
  const syncs = usePagedApi<SgSync>(`/orgs/${org.slug}/speedgaming/syncs`, {
    tournamentId: tournament || undefined,
  });
  const names = new Map((tournaments.data?.items ?? []).map((t) => [t.id, t.name]));
  return (
    <>
      <PageHeader
        title="SpeedGaming imports"
        description="Each run of a tournament's import: what changed and which episodes could not be imported, and why. Set a tournament's import in its settings."
      />
      <SelectField
        label="Tournament"
        value={tournament}
        onChange={(e) => setParams(e.target.value ? { tournament: e.target.value } : {}, { replace: true })}
        options={[
          { value: '', label: 'All tournaments' },
          ...(tournaments.data?.items ?? []).map((t) => ({ value: String(t.id), label: t.name })),
        ]}
      />
      <ResourceView resource={{ ...syncs, data: syncs.items }} label="imports">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No imports yet">
              Turn on the SpeedGaming import in a tournament's settings (Tournaments → a tournament →
              SpeedGaming).
            </EmptyState>
          ) : (
            <ul className="plain-list">
              {items.map((s) => (
                <li key={s.id}>
                  <h2>{names.get(s.tournamentId) ?? `Tournament ${s.tournamentId}`}</h2>
                  <SyncResult sync={s} orgSlug={org.slug} />
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
      {syncs.moreError ? <ErrorNotice error={syncs.moreError} /> : null}
      {syncs.hasMore ? (
        <Button busy={syncs.loadingMore} busyLabel="Loading…" onClick={() => void syncs.more()}>
          Show older imports
        </Button>
      ) : null}
    </>
  );
}
