import { useState } from 'react';
import { api } from '../../../api/client';
import { useApi } from '../../../api/use-api';
import { useMutation } from '../../../api/use-mutation';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { PageHeader, Section } from '../../../components/page-header';
import { ResourceView } from '../../../components/resource-view';
import { useOrg } from '../../../org/org-context';
import { NewWebhookForm } from './new-webhook-form';
import { WebhookDeliveries } from './webhook-deliveries';
import type { Webhook, WebhookList } from './webhook-types';

function WebhookCard({ hook, path, onChanged }: { hook: Webhook; path: string; onChanged: () => void }) {
  const { org } = useOrg();
  const [open, setOpen] = useState(false);
  const enable = useMutation(() =>
    api<Webhook>(`${path}/${hook.id}`, { method: 'PATCH', body: { active: true } }),
  );
  return (
    <article className="card" aria-label={`Webhook ${hook.url}`}>
      <div className="card-header">
        <div>
          <h2 className="mono">{hook.url}</h2>
          <p className="card-description">
            {hook.active ? 'Active' : `Disabled${hook.disabledReason ? `: ${hook.disabledReason}` : ''}`}
            {hook.consecutiveFailures ? ` · ${hook.consecutiveFailures} failures in a row` : ''}
            {hook.description ? ` · ${hook.description}` : ''}
          </p>
          <p className="muted">Events: {hook.eventTypes.join(', ')}</p>
        </div>
        <div className="button-row">
          {hook.active ? (
            <ConfirmButton
              label="Disable"
              title="Disable this webhook?"
              confirmLabel="Disable webhook"
              onConfirm={async () => {
                await api<Webhook>(`${path}/${hook.id}`, { method: 'PATCH', body: { active: false } });
                onChanged();
              }}
            >
              <p>
                Nothing more is sent to {hook.url}, including deliveries still waiting for a retry (they are
                logged as failed), until you enable it again.
              </p>
            </ConfirmButton>
          ) : (
            <Button
              size="small"
              busy={enable.running}
              onClick={async () => (await enable.run()) && onChanged()}
            >
              Enable
            </Button>
          )}
          <ConfirmButton
            label="Delete"
            title="Delete this webhook?"
            confirmLabel="Delete webhook"
            onConfirm={async () => {
              await api(`${path}/${hook.id}`, { method: 'DELETE' });
              onChanged();
            }}
          >
            <p>Nothing more is sent to {hook.url}. Its delivery log stays.</p>
          </ConfirmButton>
        </div>
      </div>
      {enable.error ? <ErrorNotice error={enable.error} /> : null}
      {/* Loaded when opened, so opening it shows the latest deliveries. */}
      <details onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Delivery log</summary>
        {open ? <WebhookDeliveries org={org.slug} webhookId={hook.id} /> : null}
      </details>
    </article>
  );
}

/** Webhooks: HTTPS endpoints that receive signed events, with each one's delivery log (admins). */
export function WebhooksPage() {
  const { org } = useOrg();
  const path = `/orgs/${org.slug}/webhooks`;
  const hooks = useApi<WebhookList>(path);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Racedesk POSTs the events you choose to your endpoints, signed, retried until they arrive."
      />
      <ResourceView resource={hooks} label="webhooks">
        {(list) => (
          <>
            <Section title="Add a webhook">
              <NewWebhookForm
                path={path}
                eventTypes={list.eventTypes}
                onCreated={() => void hooks.reload()}
              />
            </Section>
            {list.items.length === 0 ? (
              <EmptyState title="No webhooks yet">Add an endpoint above to receive events.</EmptyState>
            ) : (
              list.items.map((h) => (
                <WebhookCard key={h.id} hook={h} path={path} onChanged={() => void hooks.reload()} />
              ))
            )}
          </>
        )}
      </ResourceView>
    </>
  );
}
