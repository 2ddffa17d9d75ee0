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

/**
 * Pages through a `{ items, nextCursor }` list: first page on load, `more()` appends the next. When the
 * query changes, `more()` waits for the new first page, and a page still arriving for the old query
 * is dropped.
 */
export function usePagedApi<T>(path: string | null, query?: RequestOptions['query']) {
  const first = useApi<{ items: T[]; nextCursor: string | null }>(path, query);
  const [extra, setExtra] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<ApiError>();
  const [loadingMore, setLoadingMore] = useState(false);
  // Which first page `extra` follows: a next page answering an older one is dropped.
  const firstPage = useRef(first.data);
  useEffect(() => {
    firstPage.current = first.data;
    setExtra([]);
    setCursor(first.data?.nextCursor ?? null);
    setMoreError(undefined);
    setLoadingMore(false);
  }, [first.data]);
  const more = async () => {
    if (!path || !cursor || first.stale) return;
    const after = firstPage.current;
    setLoadingMore(true);
    try {
      const page = await api<{ items: T[]; nextCursor: string | null }>(path, {
        query: { ...query, cursor },
      });
      if (firstPage.current !== after) return;
      setExtra((items) => [...items, ...page.items]);
      setCursor(page.nextCursor);
      setMoreError(undefined);
    } catch (err) {
      if (firstPage.current !== after) return;
      setMoreError(err as ApiError);
    } finally {
      if (firstPage.current === after) setLoadingMore(false);
    }
  };
  return {
    items: first.data ? [...first.data.items, ...extra] : undefined,
    error: first.error,
    loading: first.loading,
    loadedAt: first.loadedAt,
    stale: first.stale,
    reload: first.reload,
    hasMore: cursor !== null && !first.stale,
    more,
    moreError,
    loadingMore,
  };
}
