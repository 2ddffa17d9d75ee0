import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Match, MatchState } from '../../api/domain-types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ConfirmButton } from '../../components/confirm-button';
import { fromLocalInput, toLocalInput } from '../../components/date-time-input';
import { ErrorNotice } from '../../components/error-notice';
import { TextAreaField, TextField } from '../../components/field';
import { Section } from '../../components/page-header';
import { viewerTimeZone } from '../../components/time';
import { useDraft } from '../../components/use-draft';
import { useOrg } from '../../org/org-context';

/**
 * Manual state moves offered from each state (plugins that automate a match answer 409, shown here).
 * A move back clears recorded times, so it asks first and says which (`clears`).
 */
const MOVES: Partial<Record<MatchState, { to: MatchState; label: string; clears?: string }[]>> = {
  scheduled: [
    { to: 'checked_in', label: 'Check in' },
    { to: 'started', label: 'Start' },
  ],
  checked_in: [
    { to: 'started', label: 'Start' },
    { to: 'scheduled', label: 'Undo check-in', clears: 'the check-in time' },
  ],
  started: [
    { to: 'finished', label: 'Finish' },
    { to: 'scheduled', label: 'Back to scheduled', clears: 'the start and check-in times' },
  ],
  finished: [{ to: 'started', label: 'Back to started', clears: 'the finish time' }],
};

/** Reschedule, cancel (with a reason, confirmed) and move the state by hand (moderators). */
export function MatchActions({ match, onChanged }: { match: Match; onChanged: (m: Match) => void }) {
  const { org } = useOrg();
  const path = `/orgs/${org.slug}/matches/${match.id}`;
  const whenDraft = useDraft(toLocalInput(match.scheduledAt));
  const when = whenDraft.value;
  const [reason, setReason] = useState('');
  const reschedule = useMutation((scheduledAt: string) =>
    api<Match>(`${path}/reschedule`, { method: 'POST', body: { scheduledAt } }),
  );
  const move = useMutation((state: MatchState) =>
    api<Match>(`${path}/state`, { method: 'POST', body: { state } }),
  );
  const closed = match.state === 'cancelled' || match.state === 'recorded';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const at = fromLocalInput(when);
    if (!at) return;
    const next = await reschedule.run(at);
    if (next) {
      whenDraft.reset();
      onChanged(next);
    }
  };
  return (
    <Section title="Actions">
      {closed ? (
        <p className="muted">
          {match.state === 'cancelled'
            ? 'This match is cancelled; nothing more happens to it.'
            : 'Results are recorded; corrections are below.'}
        </p>
      ) : (
        <>
          <form className="form form-inline" onSubmit={submit} noValidate>
            <TextField
              label="New start time"
              hint={`Your time zone, ${viewerTimeZone().replaceAll('_', ' ')}.`}
              type="datetime-local"
              value={when}
              error={reschedule.error?.fieldErrors().scheduledAt}
              onChange={(e) => whenDraft.set(e.target.value)}
            />
            <Button
              type="submit"
              busy={reschedule.running}
              busyLabel="Rescheduling…"
              disabled={!fromLocalInput(when) || fromLocalInput(when) === match.scheduledAt}
            >
              Reschedule
            </Button>
          </form>
          {reschedule.error && !reschedule.error.fieldErrors().scheduledAt ? (
            <ErrorNotice error={reschedule.error} />
          ) : null}
          <div className="button-row">
            {(MOVES[match.state] ?? []).map((m) =>
              m.clears ? (
                <ConfirmButton
                  key={m.to}
                  size="normal"
                  label={m.label}
                  title={`${m.label}?`}
                  confirmLabel={m.label}
                  onConfirm={async () => {
                    onChanged(await api<Match>(`${path}/state`, { method: 'POST', body: { state: m.to } }));
                  }}
                >
                  <p>
                    This clears {m.clears} recorded for the match. You can set the state forward again
                    afterwards; the times will be those of that moment.
                  </p>
                </ConfirmButton>
              ) : (
                <Button
                  key={m.to}
                  busy={move.running}
                  onClick={async () => {
                    const next = await move.run(m.to);
                    if (next) onChanged(next);
                  }}
                >
                  {m.label}
                </Button>
              ),
            )}
            <ConfirmButton
              size="normal"
              label="Cancel match"
              title="Cancel this match?"
              confirmLabel="Cancel match"
              onConfirm={async () => {
                onChanged(
                  await api<Match>(`${path}/cancel`, { method: 'POST', body: { reason: reason.trim() } }),
                );
              }}
            >
              <p>
                Players and crew are told, and its race room (if any) is closed. Matches are never deleted.
              </p>
              <TextAreaField
                label="Reason"
                hint="Shown to players and in the audit log."
                required
                rows={2}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            </ConfirmButton>
          </div>
          {move.error ? <ErrorNotice error={move.error} /> : null}
        </>
      )}
    </Section>
  );
}
