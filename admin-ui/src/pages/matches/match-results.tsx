import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { Match, PlayerStatus } from '../../api/domain-types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { formatDuration, parseDuration } from '../../components/duration';
import { ErrorNotice } from '../../components/error-notice';
import { SelectField, TextAreaField, TextField } from '../../components/field';
import { Section } from '../../components/page-header';
import { useDraft } from '../../components/use-draft';
import { useOrg } from '../../org/org-context';

interface Row {
  status: PlayerStatus;
  rank: string;
  time: string;
}

const rowsOf = (match: Match): Record<number, Row> =>
  Object.fromEntries(
    match.players.map((p) => [
      p.userId,
      {
        status: p.status ?? 'done',
        rank: p.finishRank ? String(p.finishRank) : '',
        time: formatDuration(p.finishTime),
      },
    ]),
  );

/** Records placings once; changing recorded results is a correction with a reason (audited). */
export function MatchResults({ match, onChanged }: { match: Match; onChanged: (m: Match) => void }) {
  const { org } = useOrg();
  // Rows the user has not touched follow the match as it changes live; edited ones are kept.
  const source = rowsOf(match);
  const draft = useDraft<Record<number, Row>>({});
  const rows: Record<number, Row> = { ...source, ...draft.value };
  const [reason, setReason] = useState('');
  const [timeErrors, setTimeErrors] = useState<Record<number, string>>({});
  const [reasonError, setReasonError] = useState<string>();
  const correcting = match.state === 'recorded';
  const save = useMutation((body: unknown) =>
    api<Match>(`/orgs/${org.slug}/matches/${match.id}/results`, { method: 'POST', body }),
  );
  const errors = save.error?.fieldErrors() ?? {};
  const set = (userId: number, change: Partial<Row>) =>
    draft.set((r) => ({ ...r, [userId]: { ...rows[userId]!, ...r[userId], ...change } }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad: Record<number, string> = {};
    const results = match.players.map((p) => {
      const row = rows[p.userId]!;
      const finishTime = row.time.trim() ? parseDuration(row.time) : null;
      if (finishTime === undefined) bad[p.userId] = 'Write the time as h:mm:ss, e.g. 1:23:45';
      return {
        userId: p.userId,
        status: row.status,
        finishRank: row.status === 'done' && row.rank ? Number(row.rank) : null,
        finishTime: row.status === 'done' ? (finishTime ?? null) : null,
      };
    });
    setTimeErrors(bad);
    setReasonError(
      correcting && !reason.trim() ? 'Say why the results change; it is kept in the history.' : undefined,
    );
    if (Object.keys(bad).length || (correcting && !reason.trim())) return;
    const next = await save.run({
      results,
      ...(correcting ? { correction: { reason: reason.trim() } } : {}),
    });
    if (next) {
      setReason('');
      draft.reset();
      onChanged(next);
    }
  };
  if (match.state === 'cancelled' || match.players.length === 0) return null;
  return (
    <Section
      title={correcting ? 'Correct results' : 'Record results'}
      description={
        correcting
          ? 'Results are recorded. A correction needs a reason; it is kept in the history.'
          : undefined
      }
    >
      <form className="form" onSubmit={submit} noValidate>
        {match.players.map((p, index) => {
          const row = rows[p.userId]!;
          return (
            <fieldset key={p.userId} className="fieldset form-inline">
              <legend>{p.displayName}</legend>
              <SelectField
                label={`Result of ${p.displayName}`}
                value={row.status}
                onChange={(e) => set(p.userId, { status: e.target.value as PlayerStatus })}
                options={[
                  { value: 'done', label: 'Finished' },
                  { value: 'dnf', label: 'Did not finish' },
                  { value: 'dq', label: 'Disqualified' },
                ]}
              />
              <TextField
                label={`Place of ${p.displayName}`}
                type="number"
                min={1}
                disabled={row.status !== 'done'}
                value={row.rank}
                error={errors[`results/${index}/finishRank`]}
                onChange={(e) => set(p.userId, { rank: e.target.value })}
              />
              <TextField
                label={`Time of ${p.displayName}`}
                placeholder="1:23:45"
                disabled={row.status !== 'done'}
                value={row.time}
                error={timeErrors[p.userId] ?? errors[`results/${index}/finishTime`]}
                onChange={(e) => set(p.userId, { time: e.target.value })}
              />
            </fieldset>
          );
        })}
        {correcting ? (
          <TextAreaField
            label="Reason for the correction"
            required
            rows={2}
            value={reason}
            error={reasonError ?? errors['correction/reason'] ?? errors.correction}
            onChange={(e) => setReason(e.target.value)}
          />
        ) : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.running} busyLabel="Saving…">
            {correcting ? 'Save correction' : 'Record results'}
          </Button>
        </div>
        {save.error &&
        !Object.keys(errors).some((k) => k.startsWith('results') || k.startsWith('correction')) ? (
          <ErrorNotice error={save.error} />
        ) : null}
      </form>
    </Section>
  );
}
