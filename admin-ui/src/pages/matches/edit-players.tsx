import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import type { Match } from '../../api/domain-types';
import { useMutation } from '../../api/use-mutation';
import { Button } from '../../components/button';
import { ErrorNotice } from '../../components/error-notice';
import { useOrg } from '../../org/org-context';
import { type PickedPlayer, PlayerPicker } from './player-picker';

const seatsOf = (m: Match): PickedPlayer[] =>
  m.players.map((p) => ({ userId: p.userId, displayName: p.displayName }));

/**
 * "Edit players" (moderators): the match's players in seat order, found among the org's members and
 * saved with `PATCH .../matches/:id`. A refusal (a plugin such as SpeedGaming owns the players, the
 * match is recorded) is shown in words under the control.
 */
export function EditPlayers({ match, onChanged }: { match: Match; onChanged: (m: Match) => void }) {
  const { org } = useOrg();
  const [editing, setEditing] = useState(false);
  const [players, setPlayers] = useState<PickedPlayer[]>([]);
  const save = useMutation((ids: number[]) =>
    api<Match>(`/orgs/${org.slug}/matches/${match.id}`, { method: 'PATCH', body: { players: ids } }),
  );
  const form = useRef<HTMLFormElement>(null);
  const opener = useRef<HTMLDivElement>(null);
  const returnFocus = useRef(false);
  // Keyboard users land in the form when it opens and back on the button when it closes.
  useEffect(() => {
    if (editing) form.current?.focus();
    else if (returnFocus.current) opener.current?.querySelector('button')?.focus();
  }, [editing]);
  const owner = match.automation?.find((a) => a.aspects.includes('players'));
  const open = () => {
    save.clearError();
    setPlayers(seatsOf(match));
    setEditing(true);
  };
  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next = await save.run(players.map((p) => p.userId));
    if (next) {
      onChanged(next);
      close();
    }
  };
  if (match.state === 'cancelled') return null;
  if (match.recordedAt) return <p className="muted">Players stay as they are once results are recorded.</p>;
  const fieldError = save.error?.fieldErrors().players;
  const unchanged = players.map((p) => p.userId).join() === match.players.map((p) => p.userId).join();
  if (!editing)
    return (
      <div className="button-row" ref={opener}>
        <Button onClick={open}>Edit players</Button>
        {owner ? (
          <span className="muted">
            The {owner.pluginId} plugin manages these players ({owner.reason}).
          </span>
        ) : null}
      </div>
    );
  return (
    <form ref={form} className="form" aria-label="Edit players" tabIndex={-1} onSubmit={submit} noValidate>
      <PlayerPicker value={players} onChange={setPlayers} error={fieldError} />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={save.running} busyLabel="Saving…" disabled={unchanged}>
          Save players
        </Button>
        <Button variant="ghost" onClick={close}>
          Close without saving
        </Button>
      </div>
      {save.error && !fieldError ? <ErrorNotice error={save.error} title="Players not changed" /> : null}
    </form>
  );
}
