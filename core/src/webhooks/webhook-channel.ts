import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import {
  delivered,
  failDelivery,
  type NotificationChannel,
  retryDelivery,
} from '../notifications/channel.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { signWebhook } from './signature.js';
import { webhookSecretAddress } from './webhook-service.js';
import { checkWebhookUrl } from './webhook-url.js';

/** Options of the webhook channel, from the instance config. */
export interface WebhookChannelOptions {
  allowHttpLoopback: boolean;
  timeoutMs: number;
  disableAfterFailures: number;
}

/**
 * The core's webhook channel: POSTs the event as JSON, signed with HMAC-SHA256 over
 * `${timestamp}.${body}` (`Racedesk-Signature: t=…,v1=…`), with the idempotency key as
 * `Racedesk-Delivery`. Non-2xx and network errors are retried with backoff; an endpoint that
 * fails `disableAfterFailures` times in a row is turned off with the reason recorded.
 */
export function createWebhookChannel(
  db: Database,
  clock: Clock,
  secrets: SecretStore,
  options: WebhookChannelOptions,
): NotificationChannel {
  const failed = async (id: number, reason: string) => {
    const [row] = await db('webhook_endpoints')
      .where({ id })
      .increment('consecutive_failures', 1)
      .returning('consecutive_failures');
    const count = row?.consecutive_failures ?? 0;
    if (count < options.disableAfterFailures) return retryDelivery(reason);
    const why = `disabled after ${count} consecutive failed deliveries; last: ${reason}`;
    await db('webhook_endpoints')
      .where({ id })
      .update({ active: false, disabled_at: clock.now(), disabled_reason: why, updated_at: clock.now() });
    return failDelivery(why);
  };
  return {
    id: 'webhook',
    description: 'HTTPS endpoints registered by org admins',
    audience: 'endpoint',
    maxAttempts: 8,
    async deliver(delivery) {
      const endpoint = await db('webhook_endpoints')
        .where({ id: delivery.webhookId ?? 0 })
        .first();
      if (!endpoint) return failDelivery('the endpoint was deleted');
      if (!endpoint.active)
        return failDelivery(
          `the endpoint is disabled${endpoint.disabled_reason ? `: ${endpoint.disabled_reason}` : ''}`,
        );
      const secret = await secrets.get(webhookSecretAddress(endpoint.org_id, endpoint.id));
      if (!secret) return failDelivery('the endpoint has no signing secret');
      const url = checkWebhookUrl(endpoint.url, options.allowHttpLoopback);
      const body = JSON.stringify({ id: delivery.idempotencyKey, ...delivery.message });
      let reason: string;
      try {
        const res = await fetch(url, {
          method: 'POST',
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Racedesk-Webhook/1',
            'racedesk-signature': signWebhook(secret, body, clock.now()),
            'racedesk-event': delivery.eventType,
            'racedesk-delivery': delivery.idempotencyKey,
          },
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.status >= 200 && res.status < 300) {
          if (endpoint.consecutive_failures > 0)
            await db('webhook_endpoints').where({ id: endpoint.id }).update({ consecutive_failures: 0 });
          return delivered();
        }
        reason = `HTTP ${res.status}`;
      } catch (err) {
        reason =
          err instanceof Error && err.name === 'TimeoutError'
            ? `timed out after ${options.timeoutMs} ms`
            : `request failed: ${(err as Error).message}`;
      }
      return failed(endpoint.id, reason);
    },
  };
}
