import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { AutoRefresh } from '../../components/auto-refresh';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice } from '../../components/error-notice';
import { TextField } from '../../components/field';
import { PageHeader, Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { Time } from '../../components/time';
import type { DiscordBot } from './types';

const STATUS: Record<DiscordBot['status'], string> = {
  unconfigured: 'Not set up',
  connecting: 'Connecting',
  connected: 'Connected',
  invalid_token: 'Token refused by Discord',
  disconnected: 'Disconnected',
};

function TokenForm({ bot, onSaved }: { bot: DiscordBot; onSaved: (b: DiscordBot) => void }) {
  const [token, setToken] = useState('');
  const [applicationId, setApplicationId] = useState(bot.applicationId ?? '');
  const save = useMutation(() =>
    api<DiscordBot>('/discord-notify/bot', {
      method: 'PUT',
      body: { applicationId: applicationId.trim(), ...(token.trim() ? { token: token.trim() } : {}) },
    }),
  );
  const errors = save.error?.fieldErrors() ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await save.run();
    if (next) {
      setToken('');
      onSaved(next);
    }
  };
  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <TextField
        label="Application id"
        required
        value={applicationId}
        error={errors.applicationId}
        onChange={(e) => setApplicationId(e.target.value)}
      />
      <TextField
        label="Bot token"
        type="password"
        autoComplete="off"
        hint={
          bot.configured ? 'Leave empty to keep the current token.' : 'Stored encrypted; never shown again.'
        }
        value={token}
        error={errors.token}
        onChange={(e) => setToken(e.target.value)}
      />
      <Button type="submit" variant="primary" busy={save.running} busyLabel="Connecting…">
        Save and connect
      </Button>
      {save.error && !errors.token && !errors.applicationId ? <ErrorNotice error={save.error} /> : null}
    </form>
  );
}

/** Superadmins: the instance's Discord bot, its connection status and token. */
export function DiscordBotPage() {
  const bot = useApi<DiscordBot>('/discord-notify/bot');
  return (
    <>
      <PageHeader
        title="Discord bot"
        description="One bot for the instance sends DMs and channel posts for every organization that links a server."
        actions={<AutoRefresh resource={bot} everyMs={5_000} />}
      />
      <ResourceView resource={bot} label="the Discord bot">
        {(b) => (
          <>
            <Section
              title="Status"
              actions={
                <ConfirmButton
                  size="normal"
                  label="Reconnect"
                  title="Reconnect the Discord bot?"
                  confirmLabel="Reconnect"
                  disabled={!b.configured}
                  onConfirm={async () => {
                    const next = await api<DiscordBot>('/discord-notify/bot/restart', { method: 'POST' });
                    bot.setData(() => next);
                  }}
                >
                  <p>
                    The bot closes its connection to Discord and signs in again with its token, for every
                    organization at once; the status below then shows what Discord answered.
                  </p>
                </ConfirmButton>
              }
            >
              <dl className="kv">
                <div>
                  <dt>Status</dt>
                  <dd>
                    <strong>{STATUS[b.status]}</strong>
                    {b.statusAt ? (
                      <span className="muted">
                        {' '}
                        since <Time iso={b.statusAt} />
                      </span>
                    ) : null}
                  </dd>
                </div>
                {b.statusMessage ? (
                  <div>
                    <dt>Last error</dt>
                    <dd>{b.statusMessage}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>Token</dt>
                  <dd>
                    {b.tokenSource === 'env'
                      ? 'From RACEDESK_DISCORD_BOT_TOKEN (it wins over a stored one)'
                      : b.tokenSource === 'stored'
                        ? 'Stored (encrypted)'
                        : 'None yet'}
                  </dd>
                </div>
                <div>
                  <dt>Bot user</dt>
                  <dd className="mono">{b.botUserId ?? '—'}</dd>
                </div>
              </dl>
            </Section>
            <Section
              title={b.configured ? 'Change the token' : 'Set up the bot'}
              description="From your application's Bot page on the Discord developer portal."
            >
              <TokenForm bot={b} onSaved={(next) => bot.setData(() => next)} />
            </Section>
          </>
        )}
      </ResourceView>
    </>
  );
}
