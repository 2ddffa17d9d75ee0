import { useEffect, useRef, useState } from 'react';
import type { LiveFrame } from '../api/types';

/** Connection state of the live feed, shown in the top bar. */
export type LiveStatus = 'connecting' | 'live' | 'offline';

type LiveEvent = Extract<LiveFrame, { type: 'event' }>['event'];
type Handler = (event: LiveEvent) => void;

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/** Exponential backoff with jitter, so a restarted server is not hit by every panel at once. */
export const reconnectDelay = (attempt: number) =>
  Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);

/** One socket per org, shared by every component that listens. */
class LiveConnection {
  private socket?: WebSocket;
  private attempt = 0;
  private timer?: number;
  private closed = false;
  readonly handlers = new Set<Handler>();
  readonly statusListeners = new Set<(s: LiveStatus) => void>();
  status: LiveStatus = 'connecting';

  constructor(private readonly org: string) {
    this.open();
  }

  private setStatus(status: LiveStatus) {
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private open() {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const url = `${scheme}://${window.location.host}/api/v1/orgs/${encodeURIComponent(this.org)}/live`;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'offline');
    const socket = new WebSocket(url);
    this.socket = socket;
    socket.onmessage = (message) => {
      const frame = JSON.parse(String(message.data)) as LiveFrame;
      if (frame.type === 'hello') {
        this.attempt = 0;
        this.setStatus('live');
      } else if (frame.type === 'event') {
        for (const h of this.handlers) h(frame.event);
      }
    };
    socket.onclose = () => {
      if (this.closed) return;
      this.setStatus('offline');
      this.timer = window.setTimeout(() => this.open(), reconnectDelay(this.attempt++));
    };
  }

  close() {
    this.closed = true;
    window.clearTimeout(this.timer);
    this.socket?.close();
  }
}

const connections = new Map<string, { connection: LiveConnection; users: number }>();

function acquire(org: string): LiveConnection {
  const entry = connections.get(org) ?? { connection: new LiveConnection(org), users: 0 };
  entry.users++;
  connections.set(org, entry);
  return entry.connection;
}

function release(org: string) {
  const entry = connections.get(org);
  if (!entry) return;
  entry.users--;
  if (entry.users === 0) {
    entry.connection.close();
    connections.delete(org);
  }
}

/**
 * Subscribes to `/api/v1/orgs/:org/live`, reconnecting with backoff. `onEvent` gets every event of
 * the org whose name starts with one of `prefixes` (all events when none are given).
 */
export function useLiveFeed(org: string | undefined, onEvent?: Handler, prefixes?: readonly string[]) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const prefixKey = (prefixes ?? []).join(',');

  useEffect(() => {
    if (!org) return;
    const connection = acquire(org);
    const wanted = prefixKey ? prefixKey.split(',') : [];
    const listen: Handler = (event) => {
      if (wanted.length === 0 || wanted.some((p) => event.name.startsWith(p))) handler.current?.(event);
    };
    connection.handlers.add(listen);
    connection.statusListeners.add(setStatus);
    setStatus(connection.status);
    return () => {
      connection.handlers.delete(listen);
      connection.statusListeners.delete(setStatus);
      release(org);
    };
  }, [org, prefixKey]);
  return status;
}
