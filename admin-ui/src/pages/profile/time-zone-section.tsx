import { type FormEvent, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField } from '../../components/field';
import { timeZoneOptions } from '../../components/naming';
import { Section } from '../../components/page-header';
import { viewerTimeZone } from '../../components/time';
import { useSession } from '../../session/session';

/** The viewer's own time zone (`PATCH /api/v1/me`), with this browser's zone one click away. */
export function TimeZoneSection({ user }: { user: User }) {
  const { reload } = useSession();
  const browserZone = viewerTimeZone();
  const [zone, setZone] = useState(user.timezone);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(() => timeZoneOptions(user.timezone), [user.timezone]);
  const save = useMutation((timezone: string) => api<User>('/me', { method: 'PATCH', body: { timezone } }));
  const errors = save.error?.fieldErrors() ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    if (await save.run(zone)) {
      await reload();
      setSaved(true);
    }
  };
  return (
    <Section
      title="Time zone"
      description={`Your account's zone, for what Racedesk writes for you. This panel shows times in this browser's zone (${browserZone}).`}
    >
      <form className="form" onSubmit={submit} noValidate>
        <SelectField
          label="Your time zone"
          options={zones}
          value={zone}
          error={
            errors.timezone ?? (save.error?.code === 'RD_TIME_ZONE_UNKNOWN' ? save.error.message : undefined)
          }
          onChange={(e) => {
            setSaved(false);
            setZone(e.target.value);
          }}
        />
        {save.error && !errors.timezone && save.error.code !== 'RD_TIME_ZONE_UNKNOWN' ? (
          <ErrorNotice error={save.error} />
        ) : null}
        <div className="form-actions">
          <Button
            type="submit"
            variant="primary"
            busy={save.running}
            busyLabel="Saving…"
            disabled={zone === user.timezone}
          >
            Save time zone
          </Button>
          {zone !== browserZone ? (
            <Button
              onClick={() => {
                setSaved(false);
                setZone(browserZone);
              }}
            >
              Use this browser's zone ({browserZone})
            </Button>
          ) : null}
          {saved && zone === user.timezone ? (
            <span className="notice notice-success" role="status">
              Saved: your time zone is {user.timezone}.
            </span>
          ) : null}
        </div>
      </form>
    </Section>
  );
}
