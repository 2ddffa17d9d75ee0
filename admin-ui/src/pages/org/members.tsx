import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { type Member, ORG_ROLES, type OrgRole, roleAtLeast } from '../../api/types';
import { usePagedApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextField } from '../../components/field';
import { Loading } from '../../components/loading';
import { PageHeader, Section } from '../../components/page-header';
import { ShowMore } from '../../components/show-more';
import { Time } from '../../components/time';
import { useLiveFeed } from '../../live/use-live-feed';
import { useOrg } from '../../org/org-context';
import { useMe } from '../../session/session';

const roleOptions = ORG_ROLES.map((r) => ({ value: r, label: r }));

function RoleCell({
  member,
  onChanged,
  canEdit,
}: {
  member: Member;
  onChanged: () => void;
  canEdit: boolean;
}) {
  const { org } = useOrg();
  const change = useMutation((role: OrgRole) =>
    api<Member>(`/orgs/${org.slug}/members/${member.userId}`, { method: 'PATCH', body: { role } }),
  );
  if (!canEdit) return <span className="badge">{member.role}</span>;
  return (
    <div>
      <SelectField
        label={<span className="sr-only">Role of {member.displayName}</span>}
        options={roleOptions}
        value={member.role}
        disabled={change.running}
        aria-busy={change.running || undefined}
        onChange={async (e) => {
          if (await change.run(e.target.value as OrgRole)) onChanged();
        }}
      />
      {change.error ? <ErrorNotice error={change.error} /> : null}
    </div>
  );
}

function AddMemberForm({ onAdded }: { onAdded: () => void }) {
  const { org } = useOrg();
  const [discordId, setDiscordId] = useState('');
  const [role, setRole] = useState<OrgRole>('member');
  const add = useMutation(() =>
    api<Member>(`/orgs/${org.slug}/members`, { method: 'POST', body: { discordId: discordId.trim(), role } }),
  );
  const errors = add.error?.fieldErrors() ?? {};
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await add.run()) {
      setDiscordId('');
      onAdded();
    }
  };
  return (
    <form className="form form-inline" onSubmit={submit} noValidate>
      <TextField
        label="Discord user id"
        hint="In Discord: Settings → Advanced → Developer Mode, then right-click the user → Copy User ID."
        inputMode="numeric"
        required
        value={discordId}
        error={errors.discordId}
        onChange={(e) => setDiscordId(e.target.value)}
      />
      <SelectField
        label="Role"
        options={roleOptions}
        value={role}
        error={errors.role}
        onChange={(e) => setRole(e.target.value as OrgRole)}
      />
      <Button type="submit" variant="primary" busy={add.running} busyLabel="Adding…">
        Add member
      </Button>
      {add.error && !errors.discordId && !errors.role ? <ErrorNotice error={add.error} /> : null}
    </form>
  );
}

/** Members and their roles; admins add, change and remove them. Updates live. */
export function MembersPage() {
  const { org, role } = useOrg();
  const me = useMe();
  const members = usePagedApi<Member>(`/orgs/${org.slug}/members`, { limit: 100 });
  useLiveFeed(org.slug, () => void members.reload(), ['core.member.']);
  const admin = roleAtLeast(role, 'admin');
  return (
    <>
      <PageHeader
        title="Members"
        description="People in this organization and what they may do: owner > admin > moderator > reviewer > member."
      />
      {admin ? (
        <Section
          title="Add a member"
          description="They need not have signed in yet; their account links when they do."
        >
          <AddMemberForm onAdded={() => void members.reload()} />
        </Section>
      ) : null}
      <Section title="Everyone">
        {members.error ? <ErrorNotice error={members.error} retry={() => void members.reload()} /> : null}
        {members.items === undefined ? (
          members.error ? null : (
            <Loading label="Loading members…" />
          )
        ) : members.items.length === 0 ? (
          <EmptyState title="No members yet">Add the first one above by Discord id.</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Discord id</th>
                  <th scope="col">Role</th>
                  <th scope="col">Joined</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.items.map((m) => {
                  const self = m.userId === me.user?.id;
                  return (
                    <tr key={m.userId}>
                      <td>
                        {m.displayName}
                        {self ? <span className="badge">you</span> : null}
                      </td>
                      <td className="mono">{m.discordId ?? '—'}</td>
                      <td>
                        <RoleCell member={m} canEdit={admin} onChanged={() => void members.reload()} />
                      </td>
                      <td>
                        <Time iso={m.joinedAt} />
                      </td>
                      <td className="cell-actions">
                        {admin || self ? (
                          <ConfirmButton
                            label={self ? 'Leave' : 'Remove'}
                            title={self ? `Leave ${org.name}?` : `Remove ${m.displayName}?`}
                            confirmLabel={self ? 'Leave' : 'Remove'}
                            onConfirm={async () => {
                              await api(`/orgs/${org.slug}/members/${m.userId}`, { method: 'DELETE' });
                              await members.reload();
                            }}
                          >
                            {self
                              ? 'You lose access to this organization until someone adds you again.'
                              : `${m.displayName} loses access to this organization. Their past actions stay in the audit log.`}
                          </ConfirmButton>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <ShowMore list={members} />
      </Section>
    </>
  );
}
