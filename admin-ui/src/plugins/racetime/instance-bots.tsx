import type { OrgSummary } from '../../api/types';
import { useApi, usePagedApi } from '../../api/use-api';
import { AutoRefresh } from '../../components/auto-refresh';
import { EmptyState } from '../../components/empty-state';
import { PageHeader, Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { InstanceBotRow } from './instance-bot-row';
import type { InstanceBot } from './instance-bot-types';
import { NewBotForm } from './new-bot-form';

/** Superadmins: every racetime.gg category bot with its live status; register, test, restart, assign. */
export function InstanceBotsPage() {
  const bots = useApi<InstanceBot[]>('/racetime/bots');
  const orgs = usePagedApi<OrgSummary>('/orgs', { limit: 100 });
  return (
    <>
      <PageHeader
        title="racetime.gg bots"
        description="One bot per racetime.gg category opens and runs the rooms; organizations use the bots given to them."
        actions={<AutoRefresh resource={bots} everyMs={5_000} />}
      />
      <Section
        title="Register a bot"
        description="Create the bot on racetime.gg (category → bots), then paste its credentials."
      >
        <NewBotForm onCreated={() => void bots.reload()} />
      </Section>
      <ResourceView resource={bots} label="bots">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No racetime.gg bot yet">Register one above to open race rooms.</EmptyState>
          ) : (
            items.map((b) => (
              <InstanceBotRow
                key={b.id}
                bot={b}
                orgs={orgs.items ?? []}
                onChanged={() => void bots.reload()}
              />
            ))
          )
        }
      </ResourceView>
    </>
  );
}
