import { type FormEvent, useState } from 'react';
import { api } from '../../../api/client';
import { useMutation } from '../../../api/use-mutation';
import { Button } from '../../../components/button';
import { CopyButton } from '../../../components/copy-button';
import { ErrorNotice } from '../../../components/error-notice';
import { CheckboxField, TextField } from '../../../components/field';
import type { Webhook } from './webhook-types';

/** Registers an endpoint; its signing secret is shown once, with a copy button. */
export function NewWebhookForm({
  path,
  eventTypes,
  onCreated,
}: {
  path: string;
  eventTypes: readonly string[];
  onCreated: () => void;
}) {
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const [secret, setSecret] = useState<string>();
  const create = useMutation(() =>
    api<Webhook & { secret: string }>(path, {
      method: 'POST',
      body: {
        url: url.trim(),
        eventTypes: types,
        ...(description.trim() ? { description: description.trim() } : {}),
      },
    }),
  );
  const errors = create.error?.fieldErrors() ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const hook = await create.run();
    if (hook) {
      setSecret(hook.secret);
      setUrl('');
      setDescription('');
      setTypes([]);
      onCreated();
    }
  };
  if (secret) {
    return (
      <section className="notice" aria-label="New webhook secret">
        <div>
          <p>
            <strong>Signing secret</strong> — shown only now. Check the <code>Racedesk-Signature</code> header
            of each request with it.
          </p>
          <div className="form-inline">
            <input
              id="webhook-secret"
              className="input mono"
              readOnly
              aria-label="Signing secret"
              value={secret}
            />
            <CopyButton text={secret} fallbackTarget="webhook-secret" />
          </div>
          <Button size="small" onClick={() => setSecret(undefined)}>
            I have stored it
          </Button>
        </div>
      </section>
    );
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        label="Endpoint URL"
        required
        placeholder="https://example.org/racedesk"
        value={url}
        error={errors.url}
        onChange={(e) => setUrl(e.target.value)}
      />
      <TextField
        label="Description"
        value={description}
        error={errors.description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <fieldset className="fieldset">
        <legend>Events to send</legend>
        {eventTypes.map((type) => (
          <CheckboxField
            key={type}
            label={type}
            checked={types.includes(type)}
            onChange={(e) =>
              setTypes((current) =>
                e.target.checked ? [...current, type] : current.filter((x) => x !== type),
              )
            }
          />
        ))}
        {errors.eventTypes ? (
          <p className="field-error" role="alert">
            {errors.eventTypes === 'must NOT have fewer than 1 items'
              ? 'Choose at least one event.'
              : errors.eventTypes}
          </p>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={create.running} busyLabel="Adding…">
          Add webhook
        </Button>
      </div>
      {create.error && !errors.url && !errors.eventTypes && !errors.description ? (
        <ErrorNotice error={create.error} />
      ) : null}
    </form>
  );
}
