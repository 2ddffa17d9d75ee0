import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { ErrorNotice } from '../../components/error-notice';
import { CheckboxField, SelectField, TextField } from '../../components/field';
import { Loading } from '../../components/loading';
import { SaveActions } from '../../components/save-actions';
import type { PluginPageProps } from '../contract';
import type { Bot, TournamentRacetimeSettings } from './settings-types';

/** racetime.gg settings of one tournament: bot, automatic rooms and when they open, goal, room options. */
export function RacetimeTournamentSettings({
  org,
  role,
  tournamentId,
}: PluginPageProps & { tournamentId: number }) {
  const path = `/orgs/${org.slug}/racetime/tournaments/${tournamentId}/settings`;
  const current = useApi<TournamentRacetimeSettings>(path);
  const bots = useApi<Bot[]>(`/orgs/${org.slug}/racetime/bots`);
  const [form, setForm] = useState<TournamentRacetimeSettings>();
  const [minutes, setMinutes] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) {
      setForm(current.data);
      setMinutes(String(current.data.openMinutesBefore));
    }
  }, [current.data]);
  const save = useMutation((body: unknown) => api<TournamentRacetimeSettings>(path, { method: 'PUT', body }));
  const errors = save.error?.fieldErrors() ?? {};
  if (current.error) return <ErrorNotice error={current.error} retry={() => void current.reload()} />;
  if (!form) return <Loading label="Loading racetime.gg settings…" />;
  const canEdit = roleAtLeast(role, 'admin');
  const set = (change: Partial<TournamentRacetimeSettings>) => {
    setSaved(false);
    setForm({ ...form, ...change });
  };
  const setRoom = (change: Partial<TournamentRacetimeSettings['roomProfile']>) =>
    set({ roomProfile: { ...form.roomProfile, ...change } });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await save.run({
      botId: form.botId,
      autoCreateRooms: form.autoCreateRooms,
      openMinutesBefore: minutes === '' ? Number.NaN : Number(minutes),
      requireLinkedAccounts: form.requireLinkedAccounts,
      defaultGoal: form.defaultGoal?.trim() || null,
      roomProfile: form.roomProfile,
    });
    if (next) {
      current.setData(() => next);
      setSaved(true);
    }
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <fieldset className="fieldset-plain" disabled={!canEdit}>
        <SelectField
          label="Bot"
          hint={
            bots.data?.length === 0
              ? 'No bot may be used by this organization yet: ask your instance admin.'
              : undefined
          }
          value={form.botId === null ? '' : String(form.botId)}
          error={errors.botId}
          onChange={(e) => set({ botId: e.target.value ? Number(e.target.value) : null })}
          options={[
            { value: '', label: 'No bot (no rooms)' },
            ...(bots.data ?? []).map((b) => ({ value: String(b.id), label: `${b.name} (${b.category})` })),
          ]}
        />
        <CheckboxField
          label="Open rooms automatically"
          checked={form.autoCreateRooms}
          onChange={(e) => set({ autoCreateRooms: e.target.checked })}
        />
        <TextField
          label="Minutes before the match"
          hint="When the room opens: 30 to 120 minutes before the start."
          type="number"
          value={minutes}
          error={errors.openMinutesBefore}
          onChange={(e) => {
            setSaved(false);
            setMinutes(e.target.value);
          }}
        />
        <CheckboxField
          label="Only open when every player has linked racetime.gg"
          checked={form.requireLinkedAccounts}
          onChange={(e) => set({ requireLinkedAccounts: e.target.checked })}
        />
        <TextField
          label="Goal"
          hint="A goal of the bot's category, e.g. Beat the game."
          value={form.defaultGoal ?? ''}
          error={errors.defaultGoal}
          onChange={(e) => set({ defaultGoal: e.target.value })}
        />
        <CheckboxField
          label="Invitational rooms"
          checked={form.roomProfile.invitational}
          onChange={(e) => setRoom({ invitational: e.target.checked })}
        />
        <CheckboxField
          label="Streaming required"
          checked={form.roomProfile.streamingRequired}
          onChange={(e) => setRoom({ streamingRequired: e.target.checked })}
        />
      </fieldset>
      {canEdit ? (
        <SaveActions
          label="Save racetime.gg settings"
          running={save.running}
          saved={saved}
          savedText="Saved; rooms of upcoming matches follow the new settings."
        />
      ) : null}
      {save.error && Object.keys(errors).length === 0 ? <ErrorNotice error={save.error} /> : null}
    </form>
  );
}
