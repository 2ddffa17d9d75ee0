import { type FormEvent, useRef, useState } from 'react';
import { api } from '../../api/client';
import { type Member, ORG_ROLES, type OrgRole, roleAtLeast } from '../../api/types';
import { usePagedApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextField } from '../../components/field';
import { Loading } from '../../components/loading';
import { PageHeader, Section } from '../../components/page-header';
import { ShowMore } from '../../components/show-more';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { memberSearchWords, SEARCH_DELAY_MS } from '../../components/use-member-search';
import { useLiveFeed } from '../../live/use-live-feed';
import { useOrg } from '../../org/org-context';
import { MembersTable } from './members-table';

const roleOptions = ORG_ROLES.map((r) => ({ value: r, label: r }));

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

/** Members and their roles, found by name, Discord username or user id; admins add, change and remove them. Updates live. */
export function MembersPage() {
  const { org, role } = useOrg();
  const [text, setText] = useState('');
  const searchBox = useRef<HTMLInputElement>(null);
  const typed = text.trim();
  // Sent once typing pauses; an emptied box shows everyone again at once.
  const q = useDebouncedValue(typed, typed ? SEARCH_DELAY_MS : 0);
  const members = usePagedApi<Member>(`/orgs/${org.slug}/members`, { limit: 100, q: q || undefined });
  useLiveFeed(org.slug, () => void members.reload(), ['core.member.']);
  const admin = roleAtLeast(role, 'admin');
  // The rows shown answer older text: a search is waiting for typing to pause, or on its way.
  const searching = typed !== q || (members.stale && members.loading);
  // The search failed: the rows of the previous one would be misleading.
  const failed = members.stale && !searching && members.error !== undefined;
  const clear = () => {
    setText('');
    searchBox.current?.focus();
  };

  let status = '';
  if (searching && typed) status = memberSearchWords.searching(typed);
  else if (q && members.items?.length && !failed)
    status = members.hasMore
      ? `The first ${members.items.length} members matching “${q}” are shown.`
      : `${members.items.length} ${members.items.length === 1 ? 'member matches' : 'members match'} “${q}”.`;

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
        <search className="form form-inline">
          <TextField
            ref={searchBox}
            label="Search members"
            hint="Part of a name or Discord username, or a user id."
            type="search"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && text) {
                e.preventDefault();
                setText('');
              }
            }}
          />
        </search>
        <p className="muted search-status" role="status">
          {status}
        </p>
        {members.error ? (
          <ErrorNotice
            error={members.error}
            title={q ? `${memberSearchWords.failed} for “${q}”` : undefined}
            retry={() => void members.reload()}
          />
        ) : null}
        {members.items === undefined || failed ? (
          members.error ? null : (
            <Loading label="Loading members…" />
          )
        ) : members.items.length === 0 ? (
          searching ? null : q ? (
            <EmptyState
              title={memberSearchWords.noMatch(q)}
              action={<Button onClick={clear}>Clear the search</Button>}
            >
              Try part of the name, their Discord username, or their user id.
            </EmptyState>
          ) : (
            <EmptyState title="No members yet">Add the first one above by Discord id.</EmptyState>
          )
        ) : (
          <MembersTable
            members={members.items}
            admin={admin}
            updating={searching}
            onChanged={members.reload}
          />
        )}
        <ShowMore list={members} />
      </Section>
    </>
  );
}
