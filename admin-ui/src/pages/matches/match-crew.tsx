import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { CREW_ROLES, type CrewMember, type CrewNeed, type CrewRole } from '../../api/domain-types';
import { type Member, roleAtLeast } from '../../api/types';
import { useApi } from '../../api/use-api';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField } from '../../components/field';
import { MemberPicker } from '../../components/member-picker';
import { Section } from '../../components/page-header';
import { ResourceView } from '../../components/resource-view';
import { useLiveFeed } from '../../live/use-live-feed';
import { useOrg } from '../../org/org-context';
import { useMe } from '../../session/session';

const ROLE_LABEL: Record<CrewRole, string> = {
  commentator: 'Commentator',
  tracker: 'Tracker',
  restreamer: 'Restreamer',
};

/** Commentators, trackers and restreamers: needs, sign-ups, approval (moderators) and sign-up (anyone). */
export function MatchCrew({ matchId }: { matchId: number }) {
  const { org, role } = useOrg();
  const me = useMe();
  const path = `/orgs/${org.slug}/matches/${matchId}/crew`;
  const crew = useApi<{ items: CrewMember[]; needs: CrewNeed[] }>(path);
  useLiveFeed(
    org.slug,
    (e) => {
      if ((e.payload as { crew?: { matchId?: number } }).crew?.matchId === matchId) void crew.reload();
    },
    ['core.crew.'],
  );
  const [newRole, setNewRole] = useState<CrewRole>('commentator');
  // Who a moderator adds; nobody means the moderator signs up themselves.
  const [who, setWho] = useState<Member | null>(null);
  const controls = useRef<HTMLDivElement>(null);
  const whoChanged = useRef(false);
  // The picker and the chosen person replace each other: keyboard focus moves to what took its place.
  useEffect(() => {
    if (!whoChanged.current) return;
    whoChanged.current = false;
    const next = who ? '[data-crew-add]' : '[role="combobox"]';
    controls.current?.querySelector<HTMLElement>(next)?.focus();
  }, [who]);
  const choose = (member: Member | null) => {
    whoChanged.current = true;
    setWho(member);
  };
  const moderator = roleAtLeast(role, 'moderator');
  const signUp = useMutation(async (body: { role: CrewRole; userId?: number }) => {
    await api(path, { method: 'POST', body });
    await crew.reload();
    return true;
  });
  const approve = useMutation(async (crewId: number) => {
    await api(`${path}/${crewId}/approve`, { method: 'POST' });
    await crew.reload();
  });
  return (
    <Section title="Crew">
      <ResourceView resource={crew} label="the crew">
        {({ items, needs }) => (
          <>
            <ul className="plain-list needs">
              {needs.map((n) => (
                <li key={n.role}>
                  {ROLE_LABEL[n.role]}s: {n.approved} of {n.needed} approved
                  {n.pending ? `, ${n.pending} waiting` : ''}
                </li>
              ))}
            </ul>
            {items.length === 0 ? (
              <p className="muted">
                Nobody has signed up yet: choose a crew role below and sign up
                {moderator ? ', or add someone' : ''}.
              </p>
            ) : (
              // A list rather than a table: each sign-up wraps onto two lines in a narrow column.
              <ul className="plain-list crew-list" aria-label="Crew sign-ups">
                {items.map((c) => (
                  <li key={c.id} className="crew-entry">
                    <div className="crew-who">
                      <span className="crew-name">{c.displayName}</span>
                      <span className="muted">{ROLE_LABEL[c.role]}</span>
                      {c.approved ? (
                        <span className="badge">approved</span>
                      ) : (
                        <span className="badge badge-muted">waiting for approval</span>
                      )}
                    </div>
                    <div className="crew-actions">
                      {moderator && c.approved ? (
                        <ConfirmButton
                          label="Withdraw approval"
                          ariaLabel={`Withdraw approval of ${c.displayName}`}
                          title={`Withdraw ${c.displayName}'s approval?`}
                          confirmLabel="Withdraw approval"
                          onConfirm={async () => {
                            await api(`${path}/${c.id}/unapprove`, { method: 'POST' });
                            await crew.reload();
                          }}
                        >
                          They stay signed up as {c.role}, waiting for approval again.
                        </ConfirmButton>
                      ) : moderator ? (
                        <Button
                          size="small"
                          aria-label={`Approve ${c.displayName}`}
                          busy={approve.running}
                          busyLabel="Approving…"
                          onClick={() => void approve.run(c.id)}
                        >
                          Approve
                        </Button>
                      ) : null}
                      {moderator || c.userId === me.user?.id ? (
                        <ConfirmButton
                          label="Remove"
                          ariaLabel={`Remove ${c.displayName} from the crew`}
                          title={`Remove ${c.displayName} from the crew?`}
                          confirmLabel="Remove"
                          onConfirm={async () => {
                            await api(`${path}/${c.id}`, { method: 'DELETE' });
                            await crew.reload();
                          }}
                        >
                          They are no longer {c.role} of this match.
                        </ConfirmButton>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
            {approve.error ? <ErrorNotice error={approve.error} title="Not approved" /> : null}
            <div className="form form-inline" ref={controls}>
              <SelectField
                label="Crew role"
                value={newRole}
                onChange={(e) => setNewRole(e.target.value as CrewRole)}
                options={CREW_ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] }))}
              />
              {moderator && !who ? (
                <MemberPicker
                  label="Add someone else"
                  hint="Type part of a name, a Discord username or a user id; leave empty to sign up yourself."
                  exclude={me.user ? [me.user.id] : []}
                  onPick={choose}
                />
              ) : null}
              {who ? (
                <p>
                  Adding <strong>{who.displayName}</strong>{' '}
                  <Button size="small" variant="ghost" onClick={() => choose(null)}>
                    Sign up myself instead
                  </Button>
                </p>
              ) : null}
              <Button
                data-crew-add
                busy={signUp.running}
                onClick={async () => {
                  const done = await signUp.run({ role: newRole, ...(who ? { userId: who.userId } : {}) });
                  if (done) setWho(null);
                }}
              >
                {who ? `Add ${who.displayName} to crew` : 'Sign up'}
              </Button>
            </div>
            {signUp.error ? <ErrorNotice error={signUp.error} /> : null}
          </>
        )}
      </ResourceView>
    </Section>
  );
}
