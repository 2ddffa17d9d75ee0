import { useLiveFeed } from '../live/use-live-feed';

const TEXT = { live: 'Live', connecting: 'Connecting…', offline: 'Offline, reconnecting…' } as const;

/** Whether live updates reach this page; they reconnect by themselves. */
export function LiveIndicator({ org }: { org: string }) {
  const status = useLiveFeed(org);
  return (
    <span className={`live live-${status}`} role="status" title="Live updates from the server">
      <span className="live-dot" aria-hidden="true" />
      {TEXT[status]}
    </span>
  );
}
