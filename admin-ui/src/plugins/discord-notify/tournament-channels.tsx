import { api } from '../../api/client';
import { roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ErrorNotice } from '../../components/error-notice';
import { ResourceView } from '../../components/resource-view';
import type { PluginPageProps } from '../contract';
import { ChooseChannel } from './channels-section';
import { ScheduledEventsForm } from './scheduled-events';
import { type ChannelChoice, POST_KINDS } from './types';

const channelText = (c: ChannelChoice) => `${c.channelName ? `#${c.channelName} ` : ''}(${c.channelId})`;
const canPostText = (c: ChannelChoice) =>
  c.canPost ? 'Yes' : `No: ${c.problem ?? `missing ${c.missingPermissions.join(', ')}`}`;

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
  const remove = useMutation((id: number) => api(`${base}/channels/${id}`, { method: 'DELETE' }));
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
          <div className="table-wrap">
            <table className="table" aria-label="Tournament channel choices">
              <thead>
                <tr>
                  <th scope="col">Post</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Bot can post</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {POST_KINDS.map(({ kind, label }) => {
                  const own = items.find((c) => c.kind === kind && c.tournamentId === tournamentId);
                  const fallback = items.find((c) => c.kind === kind && c.tournamentId === null);
                  const shown = own ?? fallback;
                  return (
                    <tr key={kind}>
                      <td>{label}</td>
                      <td>
                        {own ? (
                          channelText(own)
                        ) : fallback ? (
                          <span className="muted">organization default: {channelText(fallback)}</span>
                        ) : (
                          <span className="muted">not posted</span>
                        )}
                      </td>
                      <td>{shown ? canPostText(shown) : '—'}</td>
                      <td>
                        {own ? (
                          <Button
                            size="small"
                            variant="ghost"
                            aria-label={`Use the organization default for ${label.toLowerCase()}`}
                            onClick={async () => {
                              await remove.run(own.id);
                              await choices.reload();
                            }}
                          >
                            Use default
                          </Button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </ResourceView>
      {remove.error ? <ErrorNotice error={remove.error} /> : null}
      <ChooseChannel base={base} tournamentId={tournamentId} onSaved={() => void choices.reload()} />
      {events}
    </>
  );
}
