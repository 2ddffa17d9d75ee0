import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ErrorNotice } from '../../components/error-notice';
import { TextField } from '../../components/field';
import type { BotCheck, InstanceBot } from './instance-bot-types';

const EMPTY = { category: '', name: '', clientId: '', clientSecret: '' };

/** Registers a category bot; the server tests it at once and the answer is shown. */
export function NewBotForm({ onCreated }: { onCreated: (bot: InstanceBot & { check: BotCheck }) => void }) {
  const [form, setForm] = useState(EMPTY);
  const create = useMutation(() =>
    api<InstanceBot & { check: BotCheck }>('/racetime/bots', { method: 'POST', body: form }),
  );
  const errors = create.error?.fieldErrors() ?? {};
  const field = (key: keyof typeof EMPTY) => ({
    value: form[key],
    error: errors[key],
    required: true,
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bot = await create.run();
    if (bot) {
      setForm(EMPTY);
      onCreated(bot);
    }
  };
  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <TextField label="Category" hint="The racetime.gg category slug, e.g. alttpr." {...field('category')} />
      <TextField label="Bot name" {...field('name')} />
      <TextField
        label="Client id"
        hint="From the category's bot page on racetime.gg."
        {...field('clientId')}
      />
      <TextField label="Client secret" type="password" hint="Stored encrypted." {...field('clientSecret')} />
      <Button type="submit" variant="primary" busy={create.running} busyLabel="Registering…">
        Register bot
      </Button>
      {create.error && Object.keys(errors).length === 0 ? <ErrorNotice error={create.error} /> : null}
    </form>
  );
}
