import { useState } from 'react';
import { api } from '../../api/client';
import { type Member, ORG_ROLES, type OrgRole, roleAtLeast } from '../../api/types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField } from '../../components/field';
import { Time } from '../../components/time';
import { useOrg } from '../../org/org-context';
import { useMe } from '../../session/session';

const roleOptions = ORG_ROLES.map((r) => ({ value: r, label: r }));

// What a member can no longer do once lowered to each role (the confirmation says it in words).
const LOSES: Record<OrgRole, string> = {
  owner: '',
  admin: 'they can no longer change owners or make someone an owner',
  moderator: 'they can no longer change settings, members, plugins, tokens or webhooks',
  reviewer: 'they can no longer create, change or cancel matches',
  member: 'they can only see the organization',
};

function RoleCell({
  member,
  onChanged,
  canEdit,
}: {
  member: Member;
  onChanged: () => Promise<void>;
  canEdit: boolean;
}) {
  const { org } = useOrg();
  const [lowering, setLowering] = useState<OrgRole | null>(null);
  const change = useMutation((role: OrgRole) =>
    api<Member>(`/orgs/${org.slug}/members/${member.userId}`, { method: 'PATCH', body: { role } }),
  );
  if (!canEdit) return <span className="badge">{member.role}</span>;
  const apply = async (role: OrgRole) => {
    if (await change.run(role)) {
      setLowering(null);
      await onChanged();
    }
  };
  return (
    <div>
      <SelectField
        label={<span className="sr-only">Role of {member.displayName}</span>}
        options={roleOptions}
        value={lowering ?? member.role}
        disabled={change.running}
        aria-busy={change.running || undefined}
        onChange={async (e) => {
          const role = e.target.value as OrgRole;
          if (role === member.role) setLowering(null);
          // Taking rights away asks first; giving them does not.
          else if (roleAtLeast(role, member.role)) await apply(role);
          else setLowering(role);
        }}
      />
      {lowering ? (
        <fieldset className="inline-confirm" aria-label={`Lower the role of ${member.displayName}`}>
          <p>
            {member.displayName} becomes {lowering}: {LOSES[lowering]}.
          </p>
          <Button size="small" variant="danger" busy={change.running} onClick={() => void apply(lowering)}>
            Lower to {lowering}
          </Button>
          <Button size="small" disabled={change.running} onClick={() => setLowering(null)}>
            Keep {member.role}
          </Button>
        </fieldset>
      ) : null}
      {change.error ? <ErrorNotice error={change.error} /> : null}
    </div>
  );
}

/**
 * Members with their role (admins change it), and Remove (admins) or Leave (oneself). `updating`
 * dims the rows while the list is replaced (a new search on its way).
 */
export function MembersTable({
  members,
  admin,
  updating,
  onChanged,
}: {
  members: Member[];
  admin: boolean;
  updating: boolean;
  /** Reloads the list (after a role change or a removal). */
  onChanged: () => Promise<void>;
}) {
  const { org } = useOrg();
  const me = useMe();
  return (
    <div className={`table-wrap${updating ? ' is-updating' : ''}`} aria-busy={updating || undefined}>
      <table className="table" aria-label="Members">
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
          {members.map((m) => {
            const self = m.userId === me.user?.id;
            return (
              <tr key={m.userId}>
                <td>
                  {m.displayName}
                  {self ? <span className="badge">you</span> : null}
                </td>
                <td className="mono">{m.discordId ?? '—'}</td>
                <td>
                  <RoleCell member={m} canEdit={admin} onChanged={onChanged} />
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
                        await onChanged();
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
  );
}
