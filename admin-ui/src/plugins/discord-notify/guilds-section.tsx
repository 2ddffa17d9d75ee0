import { api } from '../../api/client';
import { roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { Time } from '../../components/time';
import type { PluginPageProps } from '../contract';
import type { GuildLink } from './types';

/** The org's linked Discord servers; admins add the bot to one (Discord's install page) or unlink. */
export function GuildsSection({ org, role }: PluginPageProps) {
  const base = `/orgs/${org.slug}/discord-notify`;
  const guilds = useApi<GuildLink[]>(`${base}/guilds`);
  const admin = roleAtLeast(role, 'admin');
  const install = useMutation(() => api<{ url: string }>(`${base}/guilds/install-url`, { method: 'POST' }));
  // Discord sends the admin back to this page (with the outcome in the query), so it opens in this tab.
  const start = async () => {
    const res = await install.run();
    if (res) window.location.assign(res.url);
  };
  return (
    <Section
      title="Discord servers"
      description="Link your server to post in its channels. Discord asks which server to add the bot to, then brings you back here."
      actions={
        admin ? (
          <div className="button-row">
            <Button variant="primary" busy={install.running} busyLabel="Opening Discord…" onClick={start}>
              Add the bot to a server
            </Button>
            <Button onClick={() => void guilds.reload()}>Refresh</Button>
          </div>
        ) : null
      }
    >
      {install.error ? <ErrorNotice error={install.error} /> : null}
      <ResourceView resource={guilds} label="linked servers">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No Discord server linked yet">
              {admin
                ? 'Add the bot to your server: Discord asks which one, then brings you back here.'
                : 'An admin of this organization links the server.'}
            </EmptyState>
          ) : (
            <ul className="plain-list">
              {items.map((g) => (
                <li key={g.guildId}>
                  <strong>{g.guildName}</strong> <span className="muted mono">{g.guildId}</span>{' '}
                  <span className="muted">
                    linked <Time iso={g.linkedAt} />
                  </span>{' '}
                  {admin ? (
                    <ConfirmButton
                      label="Unlink"
                      title={`Unlink ${g.guildName}?`}
                      confirmLabel="Unlink"
                      onConfirm={async () => {
                        await api(`${base}/guilds/${g.guildId}`, { method: 'DELETE' });
                        await guilds.reload();
                      }}
                    >
                      <p>Posts to its channels stop, and its channel choices are removed.</p>
                    </ConfirmButton>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </Section>
  );
}
