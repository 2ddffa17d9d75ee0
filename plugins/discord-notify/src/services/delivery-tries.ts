import { type Delivery, type DeliveryOutcome, failDelivery, retryDelivery } from '@racedesk/core';
import type { DiscordFailure } from '../clients/discord-errors.js';
import { type DiscordNotifyContext, runtimeOf } from './runtime.js';

/** Failed tries (5xx, network, no bot) before a delivery is marked failed. */
export const MAX_FAILURES = 6;
/** Backoff after the first failure, doubled each time up to an hour. */
const BASE_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 3_600_000;
/** Rate-limit waits do not count as failures, but a delivery older than this is given up. */
const MAX_AGE_MS = 24 * 3_600_000;

/**
 * What a failed try means for a Discord delivery. Rate limits are waited out (paced per bucket)
 * without counting as a failure, since nothing reached Discord; 5xx and network errors count and
 * back off; permanent errors stop at once with Discord's reason.
 */
export function deliveryTries(ctx: DiscordNotifyContext) {
  const { pacer } = runtimeOf(ctx);
  const table = () => ctx.db('discord_notify_tries');

  return {
    /** Whether an earlier try may have reached Discord without us hearing back. */
    async maybeSent(key: string): Promise<boolean> {
      return Boolean((await table().where({ idempotency_key: key }).first())?.maybe_sent);
    },

    async outcome(
      delivery: Delivery,
      failure: DiscordFailure | { kind: 'unavailable'; reason: string },
      options: { maybeSent?: boolean } = {},
    ): Promise<DeliveryOutcome> {
      if (failure.kind === 'permanent') return failDelivery(failure.reason);
      if (failure.kind === 'rate-limited') {
        const age = ctx.clock.now().getTime() - new Date(delivery.message.occurredAt).getTime();
        if (age > MAX_AGE_MS) return failDelivery(`still rate limited after 24 hours: ${failure.reason}`);
        return retryDelivery(
          failure.reason,
          pacer.delay(failure.bucket, failure.retryAfterMs, failure.limit),
        );
      }
      const now = ctx.clock.now();
      const [row] = await table()
        .insert({
          idempotency_key: delivery.idempotencyKey,
          failures: 1,
          maybe_sent: options.maybeSent ?? false,
          last_reason: failure.reason,
          updated_at: now,
        })
        .onConflict('idempotency_key')
        .merge({
          failures: ctx.db.raw('discord_notify_tries.failures + 1'),
          maybe_sent: ctx.db.raw('discord_notify_tries.maybe_sent or ?', [options.maybeSent ?? false]),
          last_reason: failure.reason,
          updated_at: now,
        })
        .returning('failures');
      const failures = Number(row?.failures ?? 1);
      if (failures >= MAX_FAILURES)
        return failDelivery(`gave up after ${failures} failed tries: ${failure.reason}`);
      return retryDelivery(failure.reason, Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (failures - 1)));
    },
  };
}
