import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import type { DispatchedEvent } from '../events/define-event.js';
import type { DeliveryMessage, NotificationChannel } from './channel.js';
import { type NotificationType, recipientLookup } from './notification-types.js';

/** Delivery rows per insert statement (about 10 parameters each). */
const INSERT_CHUNK = 1000;

interface Registry {
  channels: Map<string, NotificationChannel>;
  typesFor(eventName: string): NotificationType[];
}

/**
 * Turns an event into delivery rows: one per (recipient, channel) the recipient has not opted out
 * of, plus one per webhook endpoint of the org subscribed to the event. The idempotency key makes
 * a second run (redelivery of a durable event) insert nothing. Returns how many rows are new.
 */
export function createFanOut(db: Database, clock: Clock, registry: Registry) {
  const lookup = recipientLookup(db);
  return async function fanOut(event: DispatchedEvent): Promise<number> {
    const now = clock.now();
    const message: DeliveryMessage = {
      eventId: event.id,
      type: event.name,
      occurredAt: event.occurredAt.toISOString(),
      orgId: event.orgId,
      actor: event.actor,
      payload: event.payload,
    };
    const rows: Record<string, unknown>[] = [];
    const base = {
      event_id: event.id,
      event_type: event.name,
      org_id: event.orgId,
      message: JSON.stringify(message),
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    };
    const userChannels = [...registry.channels.values()].filter((c) => (c.audience ?? 'user') === 'user');
    for (const type of registry.typesFor(event.name)) {
      const actorId = event.actor.kind === 'user' ? event.actor.userId : undefined;
      // People are not told about what they did themselves.
      const users = [...new Set(await type.recipients(event, lookup))].filter((u) => u !== actorId);
      if (!users.length || !userChannels.length) continue;
      const prefs = await db('notification_preferences')
        .where({ event_type: event.name })
        .whereIn('user_id', users)
        .select('user_id', 'channel', 'enabled');
      const chosen = new Map(prefs.map((p) => [`${p.user_id}:${p.channel}`, p.enabled as boolean]));
      for (const userId of users) {
        for (const channel of userChannels) {
          const on =
            chosen.get(`${userId}:${channel.id}`) ??
            ((type.defaultOn ?? true) && (channel.defaultOn ?? true));
          if (on)
            rows.push({
              ...base,
              idempotency_key: `${event.id}:user-${userId}:${channel.id}`,
              channel: channel.id,
              user_id: userId,
            });
        }
      }
    }
    if (event.orgId !== null && registry.channels.has('webhook')) {
      const hooks = await db('webhook_endpoints')
        .where({ org_id: event.orgId, active: true })
        .whereRaw('? = any(event_types)', [event.name])
        .select('id');
      for (const hook of hooks) {
        rows.push({
          ...base,
          idempotency_key: `${event.id}:webhook-${hook.id}:webhook`,
          channel: 'webhook',
          webhook_id: hook.id,
        });
      }
    }
    if (!rows.length) return 0;
    // PostgreSQL takes at most 65,535 parameters per statement: insert in chunks, in one transaction.
    return db.transaction(async (trx) => {
      let count = 0;
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const inserted = await trx('notification_deliveries')
          .insert(rows.slice(i, i + INSERT_CHUNK))
          .onConflict('idempotency_key')
          .ignore()
          .returning('id');
        count += inserted.length;
      }
      return count;
    });
  };
}
