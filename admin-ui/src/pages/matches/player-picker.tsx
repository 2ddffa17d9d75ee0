import { useRef, useState } from 'react';
import type { Member } from '../../api/types';
import { Button } from '../../components/button';
import { SelectField } from '../../components/field';

export interface PickedPlayer {
  userId: number;
  displayName: string;
}

/** Players in seat order, chosen from the org's members; "Move up" changes a player's seat. */
export function PlayerPicker({
  members,
  value,
  onChange,
  error,
}: {
  members: readonly Member[];
  value: readonly PickedPlayer[];
  onChange: (players: PickedPlayer[]) => void;
  error?: string;
}) {
  const [choice, setChoice] = useState('');
  const frame = useRef<HTMLFieldSetElement>(null);
  const left = members.filter((m) => !value.some((p) => p.userId === m.userId));
  const add = () => {
    const member = left.find((m) => String(m.userId) === choice);
    if (!member) return;
    onChange([...value, { userId: member.userId, displayName: member.displayName }]);
    setChoice('');
  };
  return (
    <fieldset className="fieldset" ref={frame}>
      <legend>Players</legend>
      {value.length === 0 ? (
        <p className="muted">No players yet: add them in seat order.</p>
      ) : (
        <ol className="plain-list seat-list">
          {value.map((p, index) => (
            <li key={p.userId}>
              <span>
                Seat {index + 1}: {p.displayName}
              </span>
              <span>
                {/* Kept at seat 1 (inert) so focus stays on it after a move there. */}
                <Button
                  size="small"
                  variant="ghost"
                  aria-disabled={index === 0 || undefined}
                  aria-label={
                    index === 0
                      ? `Move ${p.displayName} up (in seat 1 already)`
                      : `Move ${p.displayName} up to seat ${index}`
                  }
                  onClick={() => {
                    if (index === 0) return;
                    onChange([...value.slice(0, index - 1), p, value[index - 1]!, ...value.slice(index + 1)]);
                  }}
                >
                  Move up
                </Button>
                <Button
                  size="small"
                  variant="ghost"
                  aria-label={`Remove ${p.displayName}`}
                  onClick={() => {
                    onChange(value.filter((q) => q.userId !== p.userId));
                    // The row goes away: keyboard users continue from the player choice.
                    frame.current?.querySelector('select')?.focus();
                  }}
                >
                  Remove
                </Button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <div className="form-inline">
        <SelectField
          label="Add player"
          value={choice}
          error={error}
          onChange={(e) => setChoice(e.target.value)}
          options={[
            { value: '', label: left.length ? 'Choose a member…' : 'Every member is playing' },
            ...left.map((m) => ({ value: String(m.userId), label: m.displayName })),
          ]}
        />
        <Button onClick={add} disabled={!choice}>
          Add player
        </Button>
      </div>
    </fieldset>
  );
}
