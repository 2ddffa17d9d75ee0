import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { ErrorNotice } from '../../components/error-notice';
import { CheckboxField, SelectField, TextField } from '../../components/field';
import { Loading } from '../../components/loading';
import { SaveActions } from '../../components/save-actions';
import { Time } from '../../components/time';
import type { PluginPageProps } from '../contract';
import { SyncStatus } from './sync-status';
import { CREW_ROLES, type SgSettings } from './types';

const AUTO_ROOMS = [
  { value: 'inherit', label: 'As the racetime.gg settings say' },
  { value: 'on', label: 'Yes, open rooms for imported matches' },
  { value: 'off', label: 'No rooms for imported matches' },
];

/** SpeedGaming import of one tournament: its settings, "sync now", the last run and open problems. */
export function SpeedGamingTournamentSettings(props: PluginPageProps & { tournamentId: number }) {
  const { org, role, tournamentId } = props;
  const path = `/orgs/${org.slug}/speedgaming/tournaments/${tournamentId}/settings`;
  const current = useApi<SgSettings>(path);
  const [form, setForm] = useState<SgSettings>();
  const [slugs, setSlugs] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.data) {
      setForm(current.data);
      setSlugs(current.data.eventSlugs.join(', '));
    }
  }, [current.data]);
  const save = useMutation((body: unknown) => api<SgSettings>(path, { method: 'PUT', body }));
  const errors = save.error?.fieldErrors() ?? {};
  if (current.error) return <ErrorNotice error={current.error} retry={() => void current.reload()} />;
  if (!form) return <Loading label="Loading SpeedGaming settings…" />;
  const canEdit = roleAtLeast(role, 'admin');
  const set = (change: Partial<SgSettings>) => {
    setSaved(false);
    setForm({ ...form, ...change });
  };
  // `eventSlugs/0` and the like point at one slug of the list: shown on the list's field.
  const slugError = Object.entries(errors).find(([k]) => k.startsWith('eventSlugs'))?.[1];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await save.run({
      importEnabled: form.importEnabled,
      eventSlugs: slugs
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
      windowBefore: form.windowBefore.trim(),
      windowAfter: form.windowAfter.trim(),
      interval: form.interval.trim(),
      crewRoles: form.crewRoles,
      racetimeAutoRooms: form.racetimeAutoRooms,
    });
    if (next) {
      current.setData(() => next);
      setSaved(true);
    }
  };
  return (
    <>
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="fieldset-plain" disabled={!canEdit}>
          <CheckboxField
            label="Import this tournament's schedule from SpeedGaming"
            hint="While on, SpeedGaming owns the time, players and crew of imported matches."
            checked={form.importEnabled}
            onChange={(e) => set({ importEnabled: e.target.checked })}
          />
          <TextField
            label="SpeedGaming events"
            hint="Event slugs from the SpeedGaming URL, separated by commas, e.g. alttprleague."
            value={slugs}
            error={slugError}
            onChange={(e) => {
              setSaved(false);
              setSlugs(e.target.value);
            }}
          />
          <TextField
            label="Import from (before now)"
            hint="ISO 8601 duration, e.g. PT2H for two hours."
            value={form.windowBefore}
            error={errors.windowBefore}
            onChange={(e) => set({ windowBefore: e.target.value })}
          />
          <TextField
            label="Import up to (after now)"
            hint="e.g. P7D for a week ahead."
            value={form.windowAfter}
            error={errors.windowAfter}
            onChange={(e) => set({ windowAfter: e.target.value })}
          />
          <TextField
            label="Import every"
            hint="At least a minute, e.g. PT5M."
            value={form.interval}
            error={errors.interval}
            onChange={(e) => set({ interval: e.target.value })}
          />
          <fieldset className="fieldset-plain">
            <legend>Crew to import (approved on SpeedGaming)</legend>
            {CREW_ROLES.map(({ role: crewRole, label }) => (
              <CheckboxField
                key={crewRole}
                label={label}
                checked={form.crewRoles.includes(crewRole)}
                onChange={(e) =>
                  set({
                    crewRoles: e.target.checked
                      ? [...form.crewRoles, crewRole]
                      : form.crewRoles.filter((r) => r !== crewRole),
                  })
                }
              />
            ))}
          </fieldset>
          <SelectField
            label="racetime.gg rooms for imported matches"
            value={form.racetimeAutoRooms === null ? 'inherit' : form.racetimeAutoRooms ? 'on' : 'off'}
            error={errors.racetimeAutoRooms}
            onChange={(e) =>
              set({ racetimeAutoRooms: e.target.value === 'inherit' ? null : e.target.value === 'on' })
            }
            options={AUTO_ROOMS}
          />
        </fieldset>
        <p className="muted">
          Next automatic import:{' '}
          {form.importEnabled && current.data?.nextRunAt ? (
            <Time iso={current.data.nextRunAt} />
          ) : (
            'none (import off)'
          )}
        </p>
        {canEdit ? (
          <SaveActions label="Save SpeedGaming settings" running={save.running} saved={saved} />
        ) : null}
        {save.error && Object.keys(errors).length === 0 ? <ErrorNotice error={save.error} /> : null}
      </form>
      <SyncStatus
        {...props}
        importEnabled={current.data?.importEnabled ?? false}
        onSynced={() => void current.reload()}
      />
    </>
  );
}
