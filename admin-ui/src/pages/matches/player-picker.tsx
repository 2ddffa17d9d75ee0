import { useRef } from 'react';
import { Button } from '../../components/button';
import { MemberPicker } from '../../components/member-picker';

export interface PickedPlayer {
  userId: number;
  displayName: string;
}

/**
 * Players in seat order, found among the org's members by typing (each pick takes the next seat);
 * "Move up" changes a player's seat.
 */
export function PlayerPicker({
  value,
  onChange,
  error,
}: {
  value: readonly PickedPlayer[];
  onChange: (players: PickedPlayer[]) => void;
  error?: string;
}) {
  const frame = useRef<HTMLFieldSetElement>(null);
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
                    // The row goes away: keyboard users continue from the player search.
                    frame.current?.querySelector('input')?.focus();
                  }}
                >
                  Remove
                </Button>
              </span>
            </li>
          ))}
        </ol>
      )}
      <MemberPicker
        label="Add player"
        hint="Type part of a name, a Discord username or a user id; the player takes the next seat."
        error={error}
        exclude={value.map((p) => p.userId)}
        onPick={(m) => onChange([...value, { userId: m.userId, displayName: m.displayName }])}
      />
    </fieldset>
  );
}
