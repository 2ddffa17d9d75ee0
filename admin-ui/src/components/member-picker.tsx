import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import type { Member } from '../api/types';
import { useOrg } from '../org/org-context';
import { FieldFrame } from './field';
import { memberSearchWords, useMemberSearch } from './use-member-search';

/** The line under the field while the list is open: progress, no match, or how to narrow it down. */
function statusOf(q: string, search: ReturnType<typeof useMemberSearch>, shown: number): string {
  if (search.loading) return q ? memberSearchWords.searching(q) : 'Loading members…';
  if (search.error) return '';
  if (shown === 0) {
    if (search.items.length > 0)
      return q ? `Every member matching “${q}” is chosen already.` : 'Every member listed is chosen already.';
    return q ? memberSearchWords.noMatch(q) : 'This organization has no members yet.';
  }
  return search.more ? `The first ${shown} are shown: type more of the name to narrow them down.` : '';
}

/**
 * Finds one member of the current org by typing part of their name, Discord username or user id
 * (a combobox: arrow keys move through the matches, Enter picks, Escape closes). `exclude` hides
 * members chosen already; after a pick the field is empty again for the next one.
 */
export function MemberPicker({
  label,
  hint = 'Type part of a name, a Discord username or a user id.',
  error,
  exclude = [],
  onPick,
}: {
  label: string;
  hint?: string;
  error?: string;
  exclude?: readonly number[];
  onPick: (member: Member) => void;
}) {
  const { org } = useOrg();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const search = useMemberSearch(org.slug, text, open);
  const options = search.items.filter((m) => !exclude.includes(m.userId));
  const current = active < options.length ? active : -1;
  const optionId = (index: number) => `${listId}-${index}`;
  const q = text.trim();
  // The option chosen with the arrow keys stays in sight in a list that scrolls.
  useEffect(() => {
    if (current >= 0) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  });

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const pick = (member: Member) => {
    onPick(member);
    setText('');
    close();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        setOpen(true);
        return;
      }
      if (options.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive(
        current === -1 && step < 0 ? options.length - 1 : (current + step + options.length) % options.length,
      );
    } else if (e.key === 'Enter' && open) {
      // Choosing in the list never submits the form around it.
      e.preventDefault();
      const member = options[current];
      if (member) pick(member);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        close();
      } else if (text) {
        e.preventDefault();
        setText('');
      }
    }
  };

  const status = open ? statusOf(q, search, options.length) : '';
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <div className="combobox">
          <input
            id={id}
            className="input"
            type="text"
            role="combobox"
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
            aria-autocomplete="list"
            aria-expanded={open}
            aria-controls={listId}
            aria-activedescendant={open && current >= 0 ? optionId(current) : undefined}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setActive(-1);
              setOpen(e.target.value.trim() !== '');
            }}
            onKeyDown={onKeyDown}
            onBlur={close}
          />
          <div className="combobox-popup" hidden={!open}>
            <div id={listId} role="listbox" aria-label={`Members matching ${q || 'anything'}`}>
              {options.map((m, index) => (
                // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (aria-activedescendant)
                <div
                  key={m.userId}
                  id={optionId(index)}
                  role="option"
                  // Focus stays in the input (aria-activedescendant); -1 keeps options out of the tab order.
                  tabIndex={-1}
                  aria-selected={index === current}
                  className={`combobox-option${index === current ? ' combobox-option-active' : ''}`}
                  // Keeps focus in the input, so the click picks instead of closing the list first.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => pick(m)}
                  onMouseEnter={() => setActive(index)}
                >
                  {m.displayName}
                  <span className="muted"> · user {m.userId}</span>
                </div>
              ))}
            </div>
            {search.error ? (
              <p className="combobox-message field-error" role="alert">
                {memberSearchWords.failed}: {search.error.message}
              </p>
            ) : null}
            <p className="combobox-message muted" role="status">
              {status}
            </p>
          </div>
        </div>
      )}
    </FieldFrame>
  );
}
