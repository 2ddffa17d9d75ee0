import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import type { PluginPageProps } from '../contract';
import { ChannelTable } from './channel-table';
import { type ChannelChoice, canPostText, channelText, POST_KINDS, type PostKind } from './types';

/** Picks the channel for one kind of post: the org default, or one tournament's when `tournamentId` is set. */
export function ChooseChannel({
  base,
  tournamentId,
  onSaved,
}: {
  base: string;
  tournamentId?: number;
  onSaved: () => void;
}) {
  const [kind, setKind] = useState<PostKind>('match_scheduled');
  const [channelId, setChannelId] = useState('');
  const save = useMutation(() =>
    api<ChannelChoice>(`${base}/channels`, {
      method: 'PUT',
      body: { kind, channelId: channelId.trim(), ...(tournamentId ? { tournamentId } : {}) },
    }),
  );
  const errors = save.error?.fieldErrors() ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await save.run()) {
      setChannelId('');
      onSaved();
    }
  };
  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <SelectField
        label="Post"
        value={kind}
        onChange={(e) => setKind(e.target.value as PostKind)}
        options={POST_KINDS.map((k) => ({ value: k.kind, label: k.label }))}
      />
      <TextField
        label="Channel id"
        hint="In Discord: right-click the channel → Copy Channel ID."
        value={channelId}
        error={errors.channelId}
        onChange={(e) => setChannelId(e.target.value)}
      />
      <Button type="submit" busy={save.running} busyLabel="Checking…">
        Use this channel
      </Button>
      {save.error && !errors.channelId ? <ErrorNotice error={save.error} /> : null}
    </form>
  );
}

/** Which channel each kind of post goes to (org defaults), with whether the bot can post there. */
export function ChannelsSection({ org }: PluginPageProps) {
  const base = `/orgs/${org.slug}/discord-notify`;
  const choices = useApi<ChannelChoice[]>(`${base}/channels`);
  return (
    <Section
      title="Channels"
      description="Posts about matches go to these channels; a tournament can choose others in its settings."
    >
      <ResourceView resource={choices} label="channel choices">
        {(items) => {
          const defaults = items.filter((c) => c.tournamentId === null);
          return (
            <ChannelTable
              label="Channel choices"
              row={(kind, label) => {
                const c = defaults.find((d) => d.kind === kind);
                if (!c)
                  return { channel: <span className="muted">not posted</span>, canPost: '—', action: null };
                return {
                  channel: (
                    <>
                      {c.channelName ? `#${c.channelName}` : null}{' '}
                      <span className="muted mono">{c.channelId}</span>
                    </>
                  ),
                  canPost: canPostText(c),
                  action: (
                    <ConfirmButton
                      label="Stop"
                      ariaLabel={`Stop posting ${label.toLowerCase()}`}
                      title={`Stop posting ${label.toLowerCase()} in ${channelText(c)}?`}
                      confirmLabel="Stop posting"
                      onConfirm={async () => {
                        await api(`${base}/channels/${c.id}`, { method: 'DELETE' });
                        await choices.reload();
                      }}
                    >
                      <p>
                        Tournaments without a channel of their own for {label.toLowerCase()} no longer post
                        them in Discord; you can choose a channel again below.
                      </p>
                    </ConfirmButton>
                  ),
                };
              }}
            />
          );
        }}
      </ResourceView>
      <ChooseChannel base={base} onSaved={() => void choices.reload()} />
    </Section>
  );
}
