import { useCallback, useState } from 'react';
import { ApiError } from './client';

/** A write in progress: run it, see whether it is running, and read its error next to the control. */
export function useMutation<Args extends unknown[], R>(fn: (...args: Args) => Promise<R>) {
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(
    async (...args: Args): Promise<R | undefined> => {
      setRunning(true);
      setError(undefined);
      try {
        return await fn(...args);
      } catch (err) {
        setError(err instanceof ApiError ? err : new ApiError(0, 'RD_CLIENT', String(err)));
        return undefined;
      } finally {
        setRunning(false);
      }
    },
    [fn],
  );
  return { run, running, error, clearError: () => setError(undefined) };
}
