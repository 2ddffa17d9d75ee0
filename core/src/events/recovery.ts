import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import type { EventBus } from './bus.js';
import { type EventRow, rowToEvent } from './event-row.js';

const BATCH = 100;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 3_600_000;

/**
 * Hands events whose durable subscribers never confirmed them (the process died, or the handler
 * failed) to those subscribers again. Rows are claimed with SKIP LOCKED and pushed back by an
 * exponential backoff, so several instances can sweep at once without handing out one twice.
 * Returns how many events were redelivered.
 */
export async function redeliverPendingEvents(db: Database, bus: EventBus, clock: Clock): Promise<number> {
  const local = bus.durableIds();
  if (local.size === 0) return 0;
  const now = clock.now();
  const claimed = await db.transaction(async (trx) => {
    const rows = (await trx('events')
      .whereRaw('cardinality(pending_subscribers) > 0')
      .andWhere('retry_at', '<=', now)
      .orderBy('id')
      .limit(BATCH)
      .forUpdate()
      .skipLocked()
      .select('*')) as Array<EventRow & { attempts: number }>;
    for (const row of rows) {
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** row.attempts);
      await trx('events')
        .where({ id: row.id })
        .update({ retry_at: new Date(now.getTime() + delay), attempts: row.attempts + 1 });
    }
    return rows;
  });
  for (const row of claimed) {
    const pending = new Set(row.pending_subscribers.filter((id) => local.has(id)));
    if (pending.size > 0) await bus.dispatch(rowToEvent(row), pending);
  }
  return claimed.length;
}
