import { useState } from 'react';

/**
 * A form's draft of `source`: it follows `source` (e.g. a match updated live) until the user edits it,
 * then keeps the edit until `reset()` (after saving), so live updates never throw away typing in progress.
 */
export function useDraft<T>(source: T) {
  const [edit, setEdit] = useState<{ value: T } | null>(null);
  const value = edit ? edit.value : source;
  return {
    value,
    /** Whether the user changed the draft since it last followed `source`. */
    edited: edit !== null,
    set: (next: T | ((current: T) => T)) =>
      setEdit((e) => ({
        value: typeof next === 'function' ? (next as (c: T) => T)(e ? e.value : source) : next,
      })),
    reset: () => setEdit(null),
  };
}
