import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import type { DispatchedEvent } from '../events/define-event.js';
import { deliveryMessageOf, type NotificationChannel } from './channel.js';
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
  /** Webhook endpoints read ahead for events about to be fanned out (see `prepare`). */
  const prepared = new WeakMap<DispatchedEvent, number[]>();

  /** The org's active endpoints subscribed to the event. */
  const webhooksFor = async (event: DispatchedEvent & { orgId: number }): Promise<number[]> => {
    const ahead = prepared.get(event);
    if (ahead) return ahead;
    const hooks = await db('webhook_endpoints')
      .where({ org_id: event.orgId, active: true })
      .whereRaw('? = any(event_types)', [event.name])
      .select('id');
    return hooks.map((h) => h.id as number);
  };

  /**
   * Reads the webhook endpoints of a committed transaction's events in one query, just before the bus
   * dispatches them (an import's thousands of events would otherwise cost one lookup each).
   */
  async function prepare(events: DispatchedEvent[]): Promise<void> {
    if (!registry.channels.has('webhook')) return;
    const orgIds = [...new Set(events.flatMap((e) => (e.orgId === null ? [] : [e.orgId])))];
    if (!orgIds.length) return;
    const hooks = (await db('webhook_endpoints')
      .whereIn('org_id', orgIds)
      .where({ active: true })
      .orderBy('id')
      .select('id', 'org_id', 'event_types')) as { id: number; org_id: number; event_types: string[] }[];
    for (const event of events) {
      if (event.orgId === null) continue;
      prepared.set(
        event,
        hooks.filter((h) => h.org_id === event.orgId && h.event_types.includes(event.name)).map((h) => h.id),
      );
    }
  }

  async function fanOut(event: DispatchedEvent): Promise<number> {
    const now = clock.now();
    const targets: Record<string, unknown>[] = [];
    const userChannels = [...registry.channels.values()].filter((c) => (c.audience ?? 'user') === 'user');
    // No channel reaches people (no plugin registered one): their recipients need not be looked up.
    for (const type of userChannels.length ? registry.typesFor(event.name) : []) {
      const actorId = event.actor.kind === 'user' ? event.actor.userId : undefined;
      // People are not told about what they did themselves.
      const users = [...new Set(await type.recipients(event, lookup))].filter((u) => u !== actorId);
      if (!users.length) continue;
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
            targets.push({
              idempotency_key: `${event.id}:user-${userId}:${channel.id}`,
              channel: channel.id,
              user_id: userId,
            });
        }
      }
    }
    if (event.orgId !== null && registry.channels.has('webhook')) {
      for (const hookId of await webhooksFor(event as DispatchedEvent & { orgId: number })) {
        targets.push({
          idempotency_key: `${event.id}:webhook-${hookId}:webhook`,
          channel: 'webhook',
          webhook_id: hookId,
        });
      }
    }
    if (!targets.length) return 0;
    // Most events reach nobody: the message is only written out for those that do.
    const base = {
      event_id: event.id,
      event_type: event.name,
      org_id: event.orgId,
      message: JSON.stringify(deliveryMessageOf(event)),
      next_attempt_at: now,
      created_at: now,
      updated_at: now,
    };
    const rows = targets.map((target) => ({ ...base, ...target }));
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
  }
  return Object.assign(fanOut, { prepare });
}
