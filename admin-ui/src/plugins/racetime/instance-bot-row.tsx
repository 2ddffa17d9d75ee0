import { useState } from 'react';
import { api } from '../../api/client';
import type { OrgSummary } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField } from '../../components/field';
import { Time } from '../../components/time';
import type { BotCheck, InstanceBot } from './instance-bot-types';

/** Bot connection statuses in words. */
const BOT_STATUS: Record<string, string> = {
  connected: 'Connected',
  auth_failed: 'Credentials refused by racetime.gg',
  connection_error: 'Cannot reach racetime.gg',
  disconnected: 'Disconnected',
};
const statusOf = (status: string) => BOT_STATUS[status] ?? status;

/** One bot: its live status and last error, the orgs that use it, and test / restart / assign. */
export function InstanceBotRow({
  bot,
  orgs,
  onChanged,
}: {
  bot: InstanceBot;
  orgs: readonly OrgSummary[];
  onChanged: () => void;
}) {
  const [org, setOrg] = useState('');
  const [check, setCheck] = useState<BotCheck>();
  const path = `/racetime/bots/${bot.id}`;
  const test = useMutation(() => api<BotCheck>(`${path}/test`, { method: 'POST' }));
  const assign = useMutation((slug: string) =>
    api<InstanceBot>(`${path}/orgs/${encodeURIComponent(slug)}`, { method: 'PUT' }),
  );
  const checked = (result: BotCheck | undefined) => {
    if (!result) return;
    setCheck(result);
    onChanged();
  };
  const others = orgs.filter((o) => !bot.orgs.includes(o.slug));
  return (
    <article className="card" aria-label={`Bot ${bot.name}`}>
      <div className="card-header">
        <div>
          <h2>
            {bot.name} <span className="muted mono">{bot.category}</span>
          </h2>
          <p className="card-description">
            Status: <strong>{bot.active ? statusOf(bot.status) : 'Deactivated'}</strong>
            {bot.statusAt ? (
              <span className="muted">
                {' '}
                since <Time iso={bot.statusAt} />
              </span>
            ) : null}
            {bot.statusMessage ? <> · {bot.statusMessage}</> : null}
          </p>
        </div>
        <div className="button-row">
          <Button
            size="small"
            busy={test.running}
            busyLabel="Testing…"
            onClick={async () => checked(await test.run())}
          >
            Test
          </Button>
          <ConfirmButton
            label="Restart"
            ariaLabel={`Restart ${bot.name}`}
            title={`Restart ${bot.name}?`}
            confirmLabel="Restart bot"
            onConfirm={async () => checked(await api<BotCheck>(`${path}/restart`, { method: 'POST' }))}
          >
            <p>
              The bot drops its racetime.gg token and reconnects its room sockets with a new one: its open{' '}
              {bot.category} rooms are disconnected for the moment that takes.
            </p>
          </ConfirmButton>
        </div>
      </div>
      {/* A check older than the status shown above would contradict it: the status is newer. */}
      {check && !(bot.statusAt && Date.parse(bot.statusAt) > Date.parse(check.checkedAt)) ? (
        <div className="notice" role="status">
          <span>
            Checked <Time iso={check.checkedAt} />: {statusOf(check.status)}
            {check.message ? ` — ${check.message}` : ''}
          </span>
        </div>
      ) : null}
      {test.error ? <ErrorNotice error={test.error} /> : null}
      <p>
        Used by:{' '}
        {bot.orgs.length === 0 ? (
          <span className="muted">
            {others.length ? 'no organization yet: assign one below' : 'no organization yet'}
          </span>
        ) : null}
        {bot.orgs.map((slug) => (
          <span key={slug} className="badge">
            {slug}{' '}
            <ConfirmButton
              label="×"
              ariaLabel={`Take ${bot.name} away from ${slug}`}
              title={`Take ${bot.name} away from ${slug}?`}
              confirmLabel="Take away"
              onConfirm={async () => {
                await api(`${path}/orgs/${encodeURIComponent(slug)}`, { method: 'DELETE' });
                onChanged();
              }}
            >
              {slug} can no longer open {bot.category} rooms with this bot: its tournaments that use it skip
              their rooms (reason: the bot is not assigned) until it is given a bot again.
            </ConfirmButton>
          </span>
        ))}
      </p>
      {others.length ? (
        <div className="form form-inline">
          <SelectField
            label={`Let an organization use ${bot.name}`}
            value={org}
            onChange={(e) => setOrg(e.target.value)}
            options={[
              { value: '', label: 'Choose…' },
              ...others.map((o) => ({ value: o.slug, label: o.name })),
            ]}
          />
          <Button
            disabled={!org}
            busy={assign.running}
            onClick={async () => {
              if (await assign.run(org)) {
                setOrg('');
                onChanged();
              }
            }}
          >
            Assign
          </Button>
        </div>
      ) : null}
      {assign.error ? <ErrorNotice error={assign.error} /> : null}
    </article>
  );
}
