import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api, type RequestOptions } from './client';

/** The state of one GET: its data, its error, whether it is loading, and how to load it again. */
export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** When the data was last loaded successfully (ms since the epoch). */
  loadedAt: number | undefined;
  /** The data answers an earlier path or query (the current one is loading, or failed). */
  stale: boolean;
  reload: () => Promise<void>;
  /** Replaces the data locally (after a write answered with the new state). */
  setData: (update: (current: T | undefined) => T | undefined) => void;
}

/** Loads `path` (skipped while null) and again whenever path or query change. */
export function useApi<T>(path: string | null, query?: RequestOptions['query']): Resource<T> {
  const [data, setDataState] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [loadedAt, setLoadedAt] = useState<number>();
  const key = path === null ? null : `${path}?${JSON.stringify(query ?? {})}`;
  const [dataKey, setDataKey] = useState<string | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;
  const controller = useRef<AbortController | null>(null);

  const load = useCallback(async () => {
    if (key === null || path === null) return;
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setLoading(true);
    try {
      const result = await api<T>(path, { query: queryRef.current, signal: abort.signal });
      if (abort.signal.aborted) return;
      setDataState(result);
      setDataKey(key);
      setLoadedAt(Date.now());
      setError(undefined);
    } catch (err) {
      if (abort.signal.aborted) return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'RD_CLIENT', String(err)));
    } finally {
      if (!abort.signal.aborted) setLoading(false);
    }
  }, [key, path]);

  useEffect(() => {
    void load();
    return () => controller.current?.abort();
  }, [load]);

  const setData = useCallback((update: (current: T | undefined) => T | undefined) => {
    setDataState((current) => update(current));
  }, []);
  const stale = data !== undefined && dataKey !== key;
  return { data, error, loading, loadedAt, stale, reload: load, setData };
}

/** One page of a `{ items, nextCursor }` list. */
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Pages through a `{ items, nextCursor }` list: first page on load, `more()` appends the next. When the
 * query changes, `more()` waits for the new first page, and a page still arriving for the old query
 * is dropped. `reload()` (a live update) loads as many pages as are shown and swaps them in at once, so
 * what "Show more" loaded stays on screen.
 */
export function usePagedApi<T>(path: string | null, query?: RequestOptions['query']) {
  const first = useApi<Page<T>>(path, query);
  const [extra, setExtra] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<ApiError>();
  const [loadingMore, setLoadingMore] = useState(false);
  // Which first page `extra` follows: a next page answering an older one is dropped.
  const firstPage = useRef(first.data);
  // Pages on screen (the first and those "Show more" added), and the later pages a reload brought.
  const pages = useRef(1);
  const reloaded = useRef<{ items: T[]; cursor: string | null } | null>(null);
  useEffect(() => {
    firstPage.current = first.data;
    const kept = reloaded.current;
    reloaded.current = null;
    if (!kept) pages.current = 1;
    setExtra(kept?.items ?? []);
    setCursor(kept ? kept.cursor : (first.data?.nextCursor ?? null));
    setMoreError(undefined);
    setLoadingMore(false);
  }, [first.data]);
  const more = async () => {
    if (!path || !cursor || first.stale) return;
    const after = firstPage.current;
    setLoadingMore(true);
    try {
      const page = await api<Page<T>>(path, { query: { ...query, cursor } });
      if (firstPage.current !== after) return;
      setExtra((items) => [...items, ...page.items]);
      setCursor(page.nextCursor);
      pages.current++;
      setMoreError(undefined);
    } catch (err) {
      if (firstPage.current !== after) return;
      setMoreError(err as ApiError);
    } finally {
      if (firstPage.current === after) setLoadingMore(false);
    }
  };
  const reload = async () => {
    const shown = pages.current;
    if (!path || shown <= 1 || first.stale) return first.reload();
    const before = firstPage.current;
    try {
      const head = await api<Page<T>>(path, { query });
      const rest: T[] = [];
      let next = head.nextCursor;
      for (let i = 1; i < shown && next; i++) {
        const page = await api<Page<T>>(path, { query: { ...query, cursor: next } });
        rest.push(...page.items);
        next = page.nextCursor;
      }
      // The query changed, or another reload or page landed meanwhile: theirs is newer.
      if (firstPage.current !== before || pages.current !== shown) return;
      reloaded.current = { items: rest, cursor: next };
      first.setData(() => head);
    } catch {
      if (firstPage.current === before) await first.reload(); // reports the error where the list does
    }
  };
  return {
    items: first.data ? [...first.data.items, ...extra] : undefined,
    error: first.error,
    loading: first.loading,
    loadedAt: first.loadedAt,
    stale: first.stale,
    reload,
    hasMore: cursor !== null && !first.stale,
    more,
    moreError,
    loadingMore,
  };
}
