import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Tournament } from '../../api/domain-types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextField } from '../../components/field';
import { slugFrom, timeZoneOptions } from '../../components/naming';
import { useOrg } from '../../org/org-context';

/** Name, URL name and time zone of a new tournament (admins). */
export function NewTournamentForm({ onCreated }: { onCreated: (t: Tournament) => void }) {
  const { org } = useOrg();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [timezone, setTimezone] = useState(org.timezone);
  const zones = useMemo(() => timeZoneOptions(org.timezone), [org.timezone]);
  const create = useMutation(() =>
    api<Tournament>(`/orgs/${org.slug}/tournaments`, {
      method: 'POST',
      body: { name: name.trim(), slug, timezone },
    }),
  );
  const errors = create.error?.fieldErrors() ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const created = await create.run();
    if (created) {
      setName('');
      setSlug('');
      setSlugEdited(false);
      onCreated(created);
    }
  };
  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <TextField
        label="Tournament name"
        required
        value={name}
        error={errors.name}
        onChange={(e) => {
          setName(e.target.value);
          if (!slugEdited) setSlug(slugFrom(e.target.value));
        }}
      />
      <TextField
        label="URL name"
        hint="Lowercase letters, digits and dashes."
        required
        value={slug}
        error={errors.slug}
        onChange={(e) => {
          setSlugEdited(true);
          setSlug(e.target.value);
        }}
      />
      <SelectField
        label="Time zone"
        options={zones}
        value={timezone}
        error={errors.timezone}
        onChange={(e) => setTimezone(e.target.value)}
      />
      <Button type="submit" variant="primary" busy={create.running} busyLabel="Creating…">
        Create tournament
      </Button>
      {create.error && !errors.name && !errors.slug && !errors.timezone ? (
        <ErrorNotice error={create.error} />
      ) : null}
    </form>
  );
}
