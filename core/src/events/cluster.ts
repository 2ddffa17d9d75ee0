import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Database } from '../db/connect.js';
import type { DispatchedEvent } from './define-event.js';
import { type EventRow, NOTIFY_CHANNEL, rowToEvent } from './event-row.js';

/** Receives every event committed by any instance on the same database (for live WebSocket feeds). */
export type ClusterListener = (event: DispatchedEvent) => void;

const RECONNECT_MS = 1_000;

/**
 * Listens on PostgreSQL NOTIFY for events committed by any instance (each notification names up to
 * `NOTIFY_IDS` of them), reads them from the outbox in one query and hands them to the listeners
 * in id order, one notification after the other (a large transaction's notifications never overtake
 * each other). Uses its own connection, outside the pool, reconnecting if lost.
 */
export class ClusterFeed {
  private client?: pg.Client;
  private readonly listeners = new Set<ClusterListener>();
  private closed = false;
  private reconnectTimer?: NodeJS.Timeout;
  /** Notifications are read one after the other, so listeners get events in commit order. */
  private delivering: Promise<void> = Promise.resolve();

  constructor(
    private readonly url: string,
    private readonly db: Database,
    private readonly logger: FastifyBaseLogger,
  ) {}

  /** Adds a listener; returns the function that removes it. */
  on(listener: ClusterListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', (err) => this.logger.warn({ err }, 'event feed connection error'));
    client.on('end', () => this.scheduleReconnect());
    client.on('notification', (msg) => {
      this.delivering = this.delivering.then(() => this.deliver(msg.payload));
    });
    await client.connect();
    await client.query(`listen ${NOTIFY_CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => {
      this.start().catch((err) => {
        this.logger.warn({ err }, 'event feed reconnect failed');
        this.scheduleReconnect();
      });
    }, RECONNECT_MS);
  }

  private async deliver(payload: string | undefined): Promise<void> {
    if (this.listeners.size === 0 || !payload) return;
    const ids = payload.split(',').map(Number).filter(Number.isSafeInteger);
    if (ids.length === 0) return;
    try {
      const rows = (await this.db('events').whereIn('id', ids).orderBy('id')) as EventRow[];
      for (const row of rows) {
        const event = rowToEvent(row);
        for (const listener of this.listeners) {
          try {
            listener(event);
          } catch (err) {
            this.logger.error({ err, eventId: event.id }, 'event feed listener failed');
          }
        }
      }
    } catch (err) {
      this.logger.warn({ err, events: ids.length }, 'event feed could not read events');
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => {});
  }
}
