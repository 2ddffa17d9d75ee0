import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Org } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { timeZoneOptions } from '../../components/naming';
import { PageHeader, Section } from '../../components/page-header';
import { useOrg } from '../../org/org-context';

/** Name, description and time zone of the org (admins). */
export function OrgSettingsPage() {
  const { org, setOrg } = useOrg();
  const [name, setName] = useState(org.name);
  const [description, setDescription] = useState(org.description);
  const [timeZone, setTimeZone] = useState(org.timezone);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZoneOptions(org.timezone), [org.timezone]);
  const save = useMutation((body: Partial<Org>) => api<Org>(`/orgs/${org.slug}`, { method: 'PATCH', body }));
  const fieldErrors = save.error?.fieldErrors() ?? {};
  const dirty = name !== org.name || description !== org.description || timeZone !== org.timezone;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const body: Partial<Org> = {};
    if (name !== org.name) body.name = name;
    if (description !== org.description) body.description = description;
    if (timeZone !== org.timezone) body.timezone = timeZone;
    const updated = await save.run(body);
    if (updated) {
      setOrg(updated);
      setSaved(true);
    }
  };

  return (
    <>
      <PageHeader
        title="Organization settings"
        description={`The URL name is ${org.slug}; it cannot change.`}
      />
      <Section title="Details">
        <form onSubmit={submit} noValidate className="form">
          <TextField
            label="Name"
            required
            maxLength={200}
            value={name}
            error={fieldErrors.name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextAreaField
            label="Description"
            hint="Shown to members; up to 2000 characters."
            rows={3}
            value={description}
            error={fieldErrors.description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <SelectField
            label="Time zone"
            hint="Used to read times organizers type and to show schedules to people without their own zone."
            options={zones}
            value={timeZone}
            error={fieldErrors.timezone}
            onChange={(e) => setTimeZone(e.target.value)}
          />
          {save.error && Object.keys(fieldErrors).length === 0 ? <ErrorNotice error={save.error} /> : null}
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={save.running} busyLabel="Saving…" disabled={!dirty}>
              Save changes
            </Button>
            {saved && !dirty ? (
              <span className="muted" role="status">
                Saved.
              </span>
            ) : null}
          </div>
        </form>
      </Section>
    </>
  );
}
