import { useEffect, useState } from 'react';
import { ApiError, api } from '../api/client';
import type { Member } from '../api/types';

/** How long typing pauses before a search goes out. */
export const SEARCH_DELAY_MS = 250;

/** What a member search says, the same in the picker and on the Members page. */
export const memberSearchWords = {
  searching: (q: string) => `Searching members for “${q}”…`,
  noMatch: (q: string) => `No member matches “${q}”.`,
  failed: 'Could not search members',
};

/** What a member search has found for the current text. */
export interface MemberSearch {
  items: Member[];
  /** More members match than `items` holds. */
  more: boolean;
  loading: boolean;
  error: ApiError | undefined;
}

interface Answer {
  key: string;
  items: Member[];
  more: boolean;
  error?: ApiError;
}

/**
 * Members of `org` matching `text` (`GET .../members?q=`, trimmed; the first members when blank), sent
 * once typing pauses; nothing is sent while `enabled` is false. An answer for older text is never shown.
 */
export function useMemberSearch(org: string, text: string, enabled: boolean, limit = 20): MemberSearch {
  const q = text.trim();
  const key = `${org}\n${q}\n${limit}`;
  const [answer, setAnswer] = useState<Answer>();
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: Member[]; nextCursor: string | null }>(`/orgs/${org}/members`, {
        query: { q, limit },
        signal: abort.signal,
      }).then(
        (page) => setAnswer({ key, items: page.items, more: page.nextCursor !== null }),
        (err: unknown) => {
          if (abort.signal.aborted) return;
          const error = err instanceof ApiError ? err : new ApiError(0, 'RD_CLIENT', String(err));
          setAnswer({ key, items: [], more: false, error });
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [org, q, limit, key, enabled]);
  const current = answer?.key === key ? answer : undefined;
  return {
    items: current?.items ?? [],
    more: current?.more ?? false,
    loading: enabled && !current,
    error: current?.error,
  };
}
