import { useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { cellKey, type NotificationPreferences } from './notification-types';

/**
 * Which notifications the viewer gets on which channel (type × channel). Only the changed cells are
 * sent; the server applies all of them or none, so a refused save leaves everything as it was.
 */
export function NotificationSection() {
  const prefs = useApi<NotificationPreferences>('/me/notifications');
  const [changes, setChanges] = useState<Map<string, boolean>>(new Map());
  const [saved, setSaved] = useState(false);
  const save = useMutation((body: unknown) =>
    api<NotificationPreferences>('/me/notifications', { method: 'PUT', body }),
  );
  const submit = async () => {
    setSaved(false);
    const preferences = [...changes].map(([key, enabled]) => {
      const [eventType, channel] = key.split('|');
      return { eventType, channel, enabled };
    });
    const next = await save.run({ preferences });
    if (next) {
      prefs.setData(() => next);
      setChanges(new Map());
      setSaved(true);
    }
  };
  return (
    <Section
      title="Notifications"
      description="Choose what Racedesk tells you about your matches, and where. Unchanged choices follow the defaults."
    >
      <ResourceView resource={prefs} label="notification preferences">
        {({ channels, types, preferences }) => {
          if (channels.length === 0 || types.length === 0)
            return (
              <EmptyState title="No way to notify you yet">
                This Racedesk has no personal notification channel (such as Discord direct messages). Ask your
                instance admin to enable one.
              </EmptyState>
            );
          const current = new Map(preferences.map((p) => [cellKey(p.eventType, p.channel), p] as const));
          return (
            <>
              <div className="table-wrap">
                <table className="table" aria-label="Notification preferences">
                  <thead>
                    <tr>
                      <th scope="col">Notification</th>
                      {channels.map((c) => (
                        <th scope="col" key={c.id}>
                          {c.description}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {types.map((type) => (
                      <tr key={type.eventType}>
                        <th scope="row">
                          {type.description} <span className="muted mono">{type.eventType}</span>
                        </th>
                        {channels.map((c) => {
                          const key = cellKey(type.eventType, c.id);
                          const pref = current.get(key);
                          const checked = changes.get(key) ?? pref?.enabled ?? false;
                          return (
                            <td key={c.id}>
                              <input
                                type="checkbox"
                                aria-label={`${type.description} by ${c.description}`}
                                checked={checked}
                                onChange={(e) => {
                                  setSaved(false);
                                  const next = new Map(changes);
                                  // Ticking back to what the server has is no change to send.
                                  if (e.target.checked === pref?.enabled) next.delete(key);
                                  else next.set(key, e.target.checked);
                                  setChanges(next);
                                }}
                              />
                              {pref?.isDefault && !changes.has(key) ? (
                                <span className="muted"> default</span>
                              ) : null}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {save.error ? <ErrorNotice error={save.error} title="Nothing was changed" /> : null}
              <div className="form-actions">
                <Button
                  variant="primary"
                  busy={save.running}
                  busyLabel="Saving…"
                  disabled={changes.size === 0}
                  onClick={() => void submit()}
                >
                  Save notification choices
                </Button>
                {changes.size > 0 ? (
                  <Button onClick={() => setChanges(new Map())}>Undo changes</Button>
                ) : null}
                {saved && changes.size === 0 ? (
                  <span className="notice notice-success" role="status">
                    Saved.
                  </span>
                ) : null}
              </div>
            </>
          );
        }}
      </ResourceView>
    </Section>
  );
}
