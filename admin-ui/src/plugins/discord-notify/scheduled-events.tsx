import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextField } from '../../components/field';
import { Loading } from '../../components/loading';
import { SaveActions } from '../../components/save-actions';
import type { GuildLink, ScheduledEventMode, TournamentDiscordSettings } from './types';

const MODES: { value: ScheduledEventMode; label: string }[] = [
  { value: 'all', label: 'For every match' },
  { value: 'streamed', label: 'Only for matches with a stream channel' },
  { value: 'none', label: 'No scheduled events' },
];

/** A whole number when the field holds one; else the text, for the server to refuse on the field. */
const minutesOf = (text: string): number | string => (/^\d+$/.test(text.trim()) ? Number(text) : text);

/**
 * Discord scheduled events for this tournament's matches
 * (`GET/PUT .../discord-notify/tournaments/:id/settings`): which matches, in which linked server, how long.
 */
export function ScheduledEventsForm({
  base,
  tournamentId,
  canEdit,
}: {
  base: string;
  tournamentId: number;
  canEdit: boolean;
}) {
  const path = `${base}/tournaments/${tournamentId}/settings`;
  const current = useApi<TournamentDiscordSettings>(path);
  const guilds = useApi<GuildLink[]>(`${base}/guilds`);
  const [mode, setMode] = useState<ScheduledEventMode>('none');
  const [guildId, setGuildId] = useState('');
  const [minutes, setMinutes] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!current.data) return;
    setMode(current.data.scheduledEvents);
    setGuildId(current.data.guildId ?? '');
    setMinutes(String(current.data.eventDurationMinutes));
  }, [current.data]);
  const save = useMutation((body: unknown) => api<TournamentDiscordSettings>(path, { method: 'PUT', body }));
  const errors = save.error?.fieldErrors() ?? {};
  const guildError =
    errors.guildId ?? (save.error?.code === 'RD_DISCORD_GUILD_NOT_LINKED' ? save.error.message : undefined);
  if (current.error) return <ErrorNotice error={current.error} retry={() => void current.reload()} />;
  if (!current.data) return <Loading label="Loading the scheduled events setting…" />;
  const linked = guilds.data ?? [];
  const guildOptions = [
    { value: '', label: "The organization's first linked server" },
    ...linked.map((g) => ({ value: g.guildId, label: g.guildName })),
    // A server unlinked since it was chosen stays visible, so saving does not change it silently.
    ...(guildId && !linked.some((g) => g.guildId === guildId)
      ? [{ value: guildId, label: `${guildId} (no longer linked)` }]
      : []),
  ];
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      setSaved(false);
      set(value);
    };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await save.run({
      scheduledEvents: mode,
      guildId: guildId || null,
      eventDurationMinutes: minutesOf(minutes),
    });
    if (next) {
      current.setData(() => next);
      setSaved(true);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Discord scheduled events">
      <fieldset className="fieldset-plain" disabled={!canEdit}>
        <SelectField
          label="Scheduled events"
          hint="A Discord scheduled event per match lets people in the server see it coming and get reminded."
          value={mode}
          error={errors.scheduledEvents}
          onChange={(e) => edit(setMode)(e.target.value as ScheduledEventMode)}
          options={MODES}
        />
        <SelectField
          label="Discord server for the events"
          hint={
            linked.length === 0 && !guilds.loading
              ? 'Link a Discord server on the Discord page first.'
              : undefined
          }
          value={guildId}
          error={guildError}
          onChange={(e) => edit(setGuildId)(e.target.value)}
          options={guildOptions}
        />
        <TextField
          label="Event length (minutes)"
          hint="From 5 minutes to a day (1440)."
          type="number"
          inputMode="numeric"
          min={5}
          max={1440}
          value={minutes}
          error={errors.eventDurationMinutes}
          onChange={(e) => edit(setMinutes)(e.target.value)}
        />
      </fieldset>
      {guilds.error ? <ErrorNotice error={guilds.error} title="Could not load the linked servers" /> : null}
      {canEdit ? (
        <SaveActions label="Save scheduled events" running={save.running} saved={saved} />
      ) : (
        <p className="muted">An admin of this organization changes this setting.</p>
      )}
      {save.error && !Object.keys(errors).length && !guildError ? <ErrorNotice error={save.error} /> : null}
    </form>
  );
}
