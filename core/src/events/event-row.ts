import type { Actor } from '../actor.js';
import type { DispatchedEvent } from './define-event.js';

/** The PostgreSQL channel that carries committed event ids between instances (`12,13,14`). */
export const NOTIFY_CHANNEL = 'racedesk_events';
/** Ids per notification: 400 ids of up to 15 digits stay under PostgreSQL's 8,000-byte payload limit. */
export const NOTIFY_IDS = 400;

/** A row of the `events` outbox table. */
export interface EventRow {
  id: number;
  name: string;
  org_id: number | null;
  actor: Actor;
  payload: unknown;
  occurred_at: Date;
  pending_subscribers: string[];
}

/** Turns an outbox row into the event subscribers receive. */
export function rowToEvent(row: EventRow): DispatchedEvent {
  return {
    id: row.id,
    name: row.name,
    orgId: row.org_id,
    actor: row.actor,
    payload: row.payload as never,
    occurredAt: row.occurred_at,
  };
}
