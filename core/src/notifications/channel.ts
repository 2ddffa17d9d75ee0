import type { Actor } from '../actor.js';
import type { DispatchedEvent } from '../events/define-event.js';

/** The event a delivery is about, as channels receive it (and webhooks post it). */
export interface DeliveryMessage {
  eventId: number;
  type: string;
  occurredAt: string;
  orgId: number | null;
  actor: Actor;
  payload: unknown;
}

/** The message of a delivery about `event`. */
export const deliveryMessageOf = (event: DispatchedEvent): DeliveryMessage => ({
  eventId: event.id,
  type: event.name,
  occurredAt: event.occurredAt.toISOString(),
  orgId: event.orgId,
  actor: event.actor,
  payload: event.payload,
});

/** One delivery handed to a channel. */
export interface Delivery {
  id: number;
  /**
   * `<event id>:<recipient>:<channel>`. The same delivery may reach a channel again when a worker died
   * after calling the channel but before recording the outcome: channels pass the key on (a webhook
   * header, a message nonce) or remember it, so the recipient sees it once.
   */
  idempotencyKey: string;
  channel: string;
  eventType: string;
  orgId: number | null;
  /** The recipient user (user channels). */
  userId: number | null;
  /** The recipient endpoint (the webhook channel). */
  webhookId: number | null;
  message: DeliveryMessage;
  /** 1 for the first try. */
  attempt: number;
}

/** What a channel says about one delivery. */
export type DeliveryOutcome =
  | { outcome: 'ok' }
  | { outcome: 'retry'; reason: string; afterMs?: number }
  | { outcome: 'permanent'; reason: string };

/** The delivery reached its recipient. */
export const delivered = (): DeliveryOutcome => ({ outcome: 'ok' });
/** Try again later: after `afterMs`, or the worker's exponential backoff. */
export const retryDelivery = (reason: string, afterMs?: number): DeliveryOutcome => ({
  outcome: 'retry',
  reason,
  afterMs,
});
/** Never retry; the reason is shown in the delivery log. */
export const failDelivery = (reason: string): DeliveryOutcome => ({ outcome: 'permanent', reason });

/** A way to reach people (Discord DM, channel post) or systems (webhooks), registered by plugins. */
export interface NotificationChannel {
  /** e.g. `discord-dm`; also the channel name in preferences. */
  id: string;
  description?: string;
  /** `user`: people choose it in their preferences; `endpoint`: deliveries to registered endpoints (webhooks). */
  audience?: 'user' | 'endpoint';
  /** Whether users get it when they have not chosen (default true). */
  defaultOn?: boolean;
  /** Tries before a delivery is marked failed (default 6). */
  maxAttempts?: number;
  /** Delivers one message; a throw counts as a retry with the error's message. */
  deliver(delivery: Delivery): Promise<DeliveryOutcome>;
}
