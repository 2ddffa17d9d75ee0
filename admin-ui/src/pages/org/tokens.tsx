import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { type ApiToken, type CreatedToken, ORG_ROLES, type OrgRole, roleAtLeast } from '../../api/types';
import { usePagedApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { CopyButton } from '../../components/copy-button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextField } from '../../components/field';
import { Loading } from '../../components/loading';
import { PageHeader, Section } from '../../components/page-header';
import { Time } from '../../components/time';
import { useOrg } from '../../org/org-context';

function NewTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const { org, role: myRole } = useOrg();
  const roles = ORG_ROLES.filter((r) => roleAtLeast(myRole, r)).map((r) => ({ value: r, label: r }));
  const [name, setName] = useState('');
  const [role, setRole] = useState<OrgRole>('moderator');
  const [expires, setExpires] = useState('');
  const create = useMutation(() =>
    api<CreatedToken>(`/orgs/${org.slug}/tokens`, {
      method: 'POST',
      body: {
        name: name.trim(),
        role,
        ...(expires ? { expiresAt: new Date(`${expires}T23:59:59`).toISOString() } : {}),
      },
    }),
  );
  const errors = create.error?.fieldErrors() ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const token = await create.run();
    if (token) {
      setName('');
      setExpires('');
      onCreated(token);
    }
  };
  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <TextField
        label="Name"
        hint="What uses it, e.g. “restream overlay”."
        required
        maxLength={100}
        value={name}
        error={errors.name}
        onChange={(e) => setName(e.target.value)}
      />
      <SelectField
        label="Role"
        hint="The most the token may do; never more than you."
        options={roles}
        value={role}
        error={errors.role}
        onChange={(e) => setRole(e.target.value as OrgRole)}
      />
      <TextField
        label="Expires (optional)"
        type="date"
        value={expires}
        error={errors.expiresAt}
        onChange={(e) => setExpires(e.target.value)}
      />
      <Button type="submit" variant="primary" busy={create.running} busyLabel="Creating…">
        Create token
      </Button>
      {create.error && Object.keys(errors).length === 0 ? <ErrorNotice error={create.error} /> : null}
    </form>
  );
}

function CreatedTokenPanel({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <section className="notice notice-success token-once" aria-label="New token">
      <p>
        <strong>Copy the token “{token.name}” now.</strong> It is shown only once; Racedesk keeps only its
        hash.
      </p>
      <div className="token-row">
        <label htmlFor="new-token" className="sr-only">
          New API token
        </label>
        <input
          id="new-token"
          className="input mono"
          readOnly
          value={token.token}
          onFocus={(e) => e.target.select()}
        />
        <CopyButton text={token.token} fallbackTarget="new-token" />
      </div>
      <p className="muted">
        Send it as <code>Authorization: Bearer {token.prefix}…</code>
      </p>
      <Button size="small" onClick={onDone}>
        I have stored it
      </Button>
    </section>
  );
}

/** API tokens for scripts: create (shown once, with a copy button), list, revoke. */
export function TokensPage() {
  const { org } = useOrg();
  const tokens = usePagedApi<ApiToken>(`/orgs/${org.slug}/tokens`, { limit: 100 });
  const [created, setCreated] = useState<CreatedToken>();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Scripts, bracket sites and restream tools call the REST API with these tokens. See /api/docs."
      />
      <Section title="Create a token">
        {created ? (
          <CreatedTokenPanel token={created} onDone={() => setCreated(undefined)} />
        ) : (
          <NewTokenForm
            onCreated={(token) => {
              setCreated(token);
              void tokens.reload();
            }}
          />
        )}
      </Section>
      <Section title="Tokens">
        {tokens.error ? <ErrorNotice error={tokens.error} retry={() => void tokens.reload()} /> : null}
        {tokens.items === undefined ? (
          tokens.error ? null : (
            <Loading label="Loading tokens…" />
          )
        ) : tokens.items.length === 0 ? (
          <EmptyState title="No tokens yet">Create one above when a script needs to use the API.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Token</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.items.map((t) => (
                  <tr key={t.id} className={t.revokedAt ? 'row-muted' : undefined}>
                    <td>{t.name}</td>
                    <td className="mono">{t.prefix}…</td>
                    <td>{t.role ?? '—'}</td>
                    <td>
                      <Time iso={t.createdAt} />
                    </td>
                    <td>
                      <Time iso={t.lastUsedAt} />
                    </td>
                    <td>{t.expiresAt ? <Time iso={t.expiresAt} /> : 'never'}</td>
                    <td className="cell-actions">
                      {t.revokedAt ? (
                        <span className="badge badge-muted">revoked</span>
                      ) : (
                        <ConfirmButton
                          label="Revoke"
                          title={`Revoke “${t.name}”?`}
                          confirmLabel="Revoke token"
                          onConfirm={async () => {
                            await api(`/orgs/${org.slug}/tokens/${t.id}`, { method: 'DELETE' });
                            await tokens.reload();
                          }}
                        >
                          Anything using this token stops working at once. This cannot be undone.
                        </ConfirmButton>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </>
  );
}
