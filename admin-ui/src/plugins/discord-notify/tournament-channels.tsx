import { api } from '../../api/client';
import { roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { ConfirmButton } from '../../components/confirm-button';
import { ResourceView } from '../../components/resource-view';
import type { PluginPageProps } from '../contract';
import { ChannelTable } from './channel-table';
import { ChooseChannel } from './channels-section';
import { ScheduledEventsForm } from './scheduled-events';
import { type ChannelChoice, canPostText, channelText } from './types';

/**
 * Where this tournament's posts go: its own channel for a kind of post, or else the org's default
 * (set on the org's Discord page). Admins choose and remove the tournament's own channels, and set
 * which matches get a Discord scheduled event.
 */
export function DiscordTournamentSettings({
  org,
  role,
  tournamentId,
}: PluginPageProps & { tournamentId: number }) {
  const base = `/orgs/${org.slug}/discord-notify`;
  const choices = useApi<ChannelChoice[]>(`${base}/channels`, { tournamentId });
  const canManage = roleAtLeast(role, 'admin');
  const events = (
    <>
      <h3>Scheduled events</h3>
      <ScheduledEventsForm base={base} tournamentId={tournamentId} canEdit={canManage} />
    </>
  );
  if (!canManage)
    return (
      <>
        <p className="muted">An admin of this organization chooses this tournament's Discord channels.</p>
        {events}
      </>
    );
  return (
    <>
      <ResourceView resource={choices} label="channel choices">
        {(items) => (
          <ChannelTable
            label="Tournament channel choices"
            row={(kind, label) => {
              const own = items.find((c) => c.kind === kind && c.tournamentId === tournamentId);
              const fallback = items.find((c) => c.kind === kind && c.tournamentId === null);
              const shown = own ?? fallback;
              return {
                channel: own ? (
                  channelText(own)
                ) : fallback ? (
                  <span className="muted">organization default: {channelText(fallback)}</span>
                ) : (
                  <span className="muted">not posted</span>
                ),
                canPost: shown ? canPostText(shown) : '—',
                action: own ? (
                  <ConfirmButton
                    label="Use default"
                    ariaLabel={`Use the organization default for ${label.toLowerCase()}`}
                    title={`Stop posting ${label.toLowerCase()} in ${channelText(own)}?`}
                    confirmLabel={fallback ? 'Use the default' : 'Stop posting'}
                    onConfirm={async () => {
                      await api(`${base}/channels/${own.id}`, { method: 'DELETE' });
                      await choices.reload();
                    }}
                  >
                    <p>
                      {fallback
                        ? `This tournament's ${label.toLowerCase()} go to the organization default, ${channelText(fallback)}, instead.`
                        : `The organization has no default channel for ${label.toLowerCase()}: this tournament's are no longer posted in Discord.`}
                    </p>
                  </ConfirmButton>
                ) : null,
              };
            }}
          />
        )}
      </ResourceView>
      <ChooseChannel base={base} tournamentId={tournamentId} onSaved={() => void choices.reload()} />
      {events}
    </>
  );
}
