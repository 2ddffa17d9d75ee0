import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import type { Delivery, DeliveryOutcome, NotificationChannel } from './channel.js';

/** Timing of deliveries. */
export interface DeliveryPolicy {
  /** How long a claimed delivery is reserved for its worker; a dead worker's claims are retried after it. */
  leaseMs: number;
  /** First retry delay; doubled on every further attempt up to `maxBackoffMs`. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Tries before a delivery is marked failed, unless its channel says otherwise. */
  maxAttempts: number;
  /**
   * Deliveries claimed at a time. Every claimed delivery counts an attempt, so with 1 (the default)
   * a worker that dies mid-drain leaves only the delivery it was sending with a spent attempt.
   */
  batchSize: number;
}

/** Defaults: 30 s, 1 min, 2 min, … up to 1 h between tries; 6 tries; 2 min lease; one claim at a time. */
export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  leaseMs: 120_000,
  baseBackoffMs: 30_000,
  maxBackoffMs: 3_600_000,
  maxAttempts: 6,
  batchSize: 1,
};

interface DeliveryRow {
  id: number;
  idempotency_key: string;
  channel: string;
  event_type: string;
  org_id: number | null;
  user_id: number | null;
  webhook_id: number | null;
  message: Delivery['message'];
  attempts: number;
}

/** The delay before retry number `attempt` (1-based count of tries so far). */
export const backoffMs = (policy: DeliveryPolicy, attempts: number) =>
  Math.min(policy.maxBackoffMs, policy.baseBackoffMs * 2 ** Math.max(0, attempts - 1));

/**
 * The delivery worker: claims due deliveries with SKIP LOCKED under a lease, hands each to its
 * channel and records the outcome right away, one delivery at a time, so a crash loses at most the
 * delivery in flight (retried after its lease, with the same idempotency key).
 */
export function createDeliveryWorker(deps: {
  db: Database;
  clock: Clock;
  logger: FastifyBaseLogger;
  channels: Map<string, NotificationChannel>;
  policy: DeliveryPolicy;
}) {
  const { db, clock, channels, policy } = deps;

  async function claim(): Promise<DeliveryRow[]> {
    const now = clock.now();
    const lease = new Date(now.getTime() + policy.leaseMs);
    const result = await db.raw(
      `update notification_deliveries set status = 'sending', attempts = attempts + 1, lease_until = ?,
         next_attempt_at = ?, updated_at = ?
       where id in (
         select id from notification_deliveries
         where status in ('pending', 'sending') and next_attempt_at <= ?
         order by next_attempt_at, id limit ? for update skip locked)
       returning *`,
      [lease, lease, now, now, policy.batchSize],
    );
    return (result.rows as DeliveryRow[]).sort((a, b) => a.id - b.id);
  }

  async function attempt(row: DeliveryRow): Promise<DeliveryOutcome> {
    const channel = channels.get(row.channel);
    if (!channel)
      return { outcome: 'retry', reason: `no channel "${row.channel}" is registered on this instance` };
    try {
      return await channel.deliver({
        id: row.id,
        idempotencyKey: row.idempotency_key,
        channel: row.channel,
        eventType: row.event_type,
        orgId: row.org_id,
        userId: row.user_id,
        webhookId: row.webhook_id,
        message: row.message,
        attempt: row.attempts,
      });
    } catch (err) {
      return { outcome: 'retry', reason: err instanceof Error ? err.message : String(err) };
    }
  }

  async function record(row: DeliveryRow, outcome: DeliveryOutcome): Promise<void> {
    const now = clock.now();
    const max = channels.get(row.channel)?.maxAttempts ?? policy.maxAttempts;
    let fields: Record<string, unknown>;
    if (outcome.outcome === 'ok') fields = { status: 'sent', sent_at: now, last_error: null };
    else if (outcome.outcome === 'permanent') fields = { status: 'failed', last_error: outcome.reason };
    else if (row.attempts >= max)
      fields = { status: 'failed', last_error: `gave up after ${row.attempts} attempts: ${outcome.reason}` };
    else {
      const delay = outcome.afterMs ?? backoffMs(policy, row.attempts);
      fields = {
        status: 'pending',
        next_attempt_at: new Date(now.getTime() + delay),
        last_error: outcome.reason,
      };
    }
    // Only the claim this worker holds may be settled: a takeover after an expired lease bumped attempts.
    await db('notification_deliveries')
      .where({ id: row.id, status: 'sending', attempts: row.attempts })
      .update({ ...fields, lease_until: null, updated_at: now });
  }

  return {
    /** Delivers everything due now; returns how many deliveries were attempted. */
    async drain(): Promise<number> {
      let total = 0;
      for (;;) {
        const batch = await claim();
        if (!batch.length) return total;
        for (const row of batch) {
          await record(row, await attempt(row));
          total++;
        }
      }
    },

    /** When the next delivery is due (a retry, or a lease running out), if any. */
    async nextDue(): Promise<Date | undefined> {
      const row = await db('notification_deliveries')
        .whereIn('status', ['pending', 'sending'])
        .min('next_attempt_at as at')
        .first();
      return row?.at ?? undefined;
    },
  };
}

/** The delivery worker. */
export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
