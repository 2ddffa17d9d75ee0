import { useEffect, useRef, useState } from 'react';
import { Button } from './button';

/** What an auto-refreshed resource offers: how to load it again, and when it last loaded. */
interface Refreshable {
  reload: () => Promise<void>;
  loadedAt: number | undefined;
}

/** "just now", "12 s ago", "3 min ago". */
const ago = (ms: number) => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 2) return 'just now';
  if (s < 60) return `${s} s ago`;
  return `${Math.floor(s / 60)} min ago`;
};

/**
 * Reloads `resource` every `everyMs` while the tab is visible and `paused` is false (instance pages
 * have no live feed: bot statuses and jobs are read again instead), and shows when it last loaded,
 * with a button to refresh at once. One reload at a time: a slow answer is never overtaken.
 */
export function AutoRefresh({
  resource,
  everyMs,
  paused,
  pausedReason,
}: {
  resource: Refreshable;
  everyMs: number;
  paused?: boolean;
  pausedReason?: string;
}) {
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState(false);
  const reload = useRef(resource.reload);
  reload.current = resource.reload;
  const running = useRef(false);
  const refresh = async () => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    try {
      await reload.current();
    } finally {
      running.current = false;
      setBusy(false);
    }
  };
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;

  useEffect(() => {
    const tick = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(tick);
  }, []);
  useEffect(() => {
    if (paused) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void refreshRef.current();
    }, everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs, paused]);

  return (
    <div className="auto-refresh">
      <span className="muted" role="timer" aria-live="off">
        {resource.loadedAt === undefined ? 'Loading…' : `Updated ${ago(now - resource.loadedAt)}`}
        {paused
          ? ` · auto-refresh paused${pausedReason ? ` ${pausedReason}` : ''}`
          : ` · refreshes every ${Math.round(everyMs / 1000)} s`}
      </span>
      <Button onClick={() => void refresh()} busy={busy} busyLabel="Refreshing…">
        Refresh
      </Button>
    </div>
  );
}
