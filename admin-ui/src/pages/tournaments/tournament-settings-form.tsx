import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api/client';
import { CREW_ROLES, type CrewNeeds, type Tournament } from '../../api/domain-types';
import { useMutation } from '../../api/use-mutation';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { timeZoneOptions } from '../../components/naming';
import { SaveActions } from '../../components/save-actions';
import { useOrg } from '../../org/org-context';

/** Name, description, time zone and crew needs of a tournament; read-only below admin. */
export function TournamentSettingsForm({
  tournament,
  onSaved,
  canEdit,
}: {
  tournament: Tournament;
  onSaved: (t: Tournament) => void;
  canEdit: boolean;
}) {
  const { org } = useOrg();
  const [name, setName] = useState(tournament.name);
  const [description, setDescription] = useState(tournament.description);
  const [timezone, setTimezone] = useState(tournament.timezone);
  const [crew, setCrew] = useState<CrewNeeds>(tournament.crewNeeds);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZoneOptions(tournament.timezone), [tournament.timezone]);
  const save = useMutation((body: Record<string, unknown>) =>
    api<Tournament>(`/orgs/${org.slug}/tournaments/${tournament.id}`, { method: 'PATCH', body }),
  );
  const errors = save.error?.fieldErrors() ?? {};
  const changes: Record<string, unknown> = {};
  if (name !== tournament.name) changes.name = name.trim();
  if (description !== tournament.description) changes.description = description;
  if (timezone !== tournament.timezone) changes.timezone = timezone;
  if (CREW_ROLES.some((r) => crew[r] !== tournament.crewNeeds[r])) changes.crewNeeds = crew;
  const dirty = Object.keys(changes).length > 0;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await save.run(changes);
    if (next) {
      setSaved(true);
      onSaved(next);
    }
  };
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setSaved(false);
      set(v);
    };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <fieldset className="fieldset-plain" disabled={!canEdit}>
        <TextField
          label="Tournament name"
          required
          value={name}
          error={errors.name}
          onChange={(e) => edit(setName)(e.target.value)}
        />
        <TextAreaField
          label="Description"
          rows={3}
          value={description}
          error={errors.description}
          onChange={(e) => edit(setDescription)(e.target.value)}
        />
        <SelectField
          label="Time zone"
          hint="Used to read times typed for this tournament's matches and in its announcements."
          options={zones}
          value={timezone}
          error={errors.timezone}
          onChange={(e) => edit(setTimezone)(e.target.value)}
        />
        <div className="form-inline">
          {CREW_ROLES.map((role) => (
            <TextField
              key={role}
              label={`${role[0]!.toUpperCase()}${role.slice(1)}s per match`}
              type="number"
              min={0}
              max={20}
              value={String(crew[role])}
              error={errors[`crewNeeds/${role}`]}
              onChange={(e) => edit(setCrew)({ ...crew, [role]: Number(e.target.value) })}
            />
          ))}
        </div>
      </fieldset>
      {canEdit ? (
        <SaveActions
          label="Save tournament"
          running={save.running}
          saved={saved && !dirty}
          disabled={!dirty}
        />
      ) : null}
      {save.error && Object.keys(errors).length === 0 ? <ErrorNotice error={save.error} /> : null}
    </form>
  );
}
