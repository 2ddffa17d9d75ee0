import { useEffect, useState } from 'react';

/**
 * `value` once it has stayed the same for `delayMs` (typing has paused); with a delay of 0 or less,
 * `value` at once (e.g. an emptied search box shows everything again without waiting).
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (delayMs <= 0) {
      setSettled(value);
      return;
    }
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return delayMs <= 0 ? value : settled;
}
