import { randomBytes } from 'node:crypto';
import { type Static, Type } from 'typebox';
import type { Actor } from '../actor.js';
import { notFound, unprocessable } from '../errors.js';
import { NullableTimestamp, Timestamp } from '../http/timestamp.js';
import type { SecretStore } from '../secrets/secret-store.js';
import { type DomainDeps, requireRole } from '../tournaments/domain-deps.js';
import { checkWebhookUrl } from './webhook-url.js';

/** A webhook endpoint in API responses (the secret is shown once, on creation). */
export const WebhookEndpoint = Type.Object(
  {
    id: Type.Integer(),
    url: Type.String(),
    description: Type.String(),
    eventTypes: Type.Array(Type.String()),
    active: Type.Boolean(),
    consecutiveFailures: Type.Integer(),
    disabledAt: NullableTimestamp,
    disabledReason: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'WebhookEndpoint' },
);
/** A webhook endpoint as services return it. */
export type WebhookView = Static<typeof WebhookEndpoint>;
/** Body of `POST .../webhooks`. */
export const NewWebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 8, maxLength: 2000 }),
    eventTypes: Type.Array(Type.String({ maxLength: 100 }), {
      minItems: 1,
      maxItems: 100,
      uniqueItems: true,
    }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);
/** Body of `PATCH .../webhooks/:id`; `active: true` re-enables a disabled endpoint. */
export const WebhookPatchBody = Type.Partial(
  Type.Object({ ...NewWebhookBody.properties, active: Type.Boolean() }),
  { additionalProperties: false, minProperties: 1 },
);

interface Row {
  id: number;
  org_id: number;
  url: string;
  description: string;
  event_types: string[];
  active: boolean;
  consecutive_failures: number;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
  updated_at: Date;
}
const view = (r: Row): WebhookView => ({
  id: r.id,
  url: r.url,
  description: r.description,
  eventTypes: r.event_types,
  active: r.active,
  consecutiveFailures: r.consecutive_failures,
  disabledAt: r.disabled_at,
  disabledReason: r.disabled_reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Where an endpoint's signing secret lives in the (encrypted, rotated) secret store. */
export const webhookSecretAddress = (orgId: number, id: number) => ({ orgId, name: `webhook:${id}` });

/** Webhook endpoints of an org (admins). Secrets are encrypted at rest in the core secret store. */
export function createWebhookService(
  { db, clock, audit }: DomainDeps,
  secrets: SecretStore,
  options: { allowHttpLoopback: boolean; eventTypes: () => string[] },
) {
  const checkTypes = (types: string[]) => {
    const known = new Set(options.eventTypes());
    const unknown = types.filter((t) => !known.has(t));
    if (unknown.length)
      throw unprocessable('RD_WEBHOOK_EVENT_TYPE', `Unknown event types: ${unknown.join(', ')}`, {
        known: [...known],
      });
  };
  const one = async (orgId: number, id: number) => {
    const row = await db<Row>('webhook_endpoints').where({ org_id: orgId, id }).first();
    if (!row) throw notFound('RD_WEBHOOK_NOT_FOUND', `No webhook ${id}`);
    return row;
  };
  return {
    list: async (orgId: number) =>
      (await db<Row>('webhook_endpoints').where({ org_id: orgId }).orderBy('id')).map(view),
    get: async (orgId: number, id: number) => view(await one(orgId, id)),

    /** Registers an endpoint; returns it with its signing secret (shown only here). */
    async create(orgId: number, spec: Static<typeof NewWebhookBody>, actor: Actor) {
      await requireRole(db, actor, orgId, 'admin');
      checkWebhookUrl(spec.url, options.allowHttpLoopback);
      checkTypes(spec.eventTypes);
      const secret = `whsec_${randomBytes(32).toString('base64url')}`;
      return db.transaction(async (trx) => {
        const now = clock.now();
        const [row] = (await trx('webhook_endpoints')
          .insert({
            org_id: orgId,
            url: spec.url,
            description: spec.description ?? '',
            event_types: spec.eventTypes,
            created_at: now,
            updated_at: now,
          })
          .returning('*')) as Row[];
        await secrets.put(webhookSecretAddress(orgId, row!.id), secret, trx);
        await audit.record(
          {
            actor,
            orgId,
            action: 'webhook.created',
            target: { type: 'webhook', id: row!.id },
            details: { url: spec.url, eventTypes: spec.eventTypes },
          },
          trx,
        );
        return { ...view(row!), secret };
      });
    },

    async update(orgId: number, id: number, patch: Static<typeof WebhookPatchBody>, actor: Actor) {
      await requireRole(db, actor, orgId, 'admin');
      await one(orgId, id);
      if (patch.url) checkWebhookUrl(patch.url, options.allowHttpLoopback);
      if (patch.eventTypes) checkTypes(patch.eventTypes);
      return db.transaction(async (trx) => {
        const [row] = (await trx('webhook_endpoints')
          .where({ id })
          .update({
            ...(patch.url ? { url: patch.url } : {}),
            ...(patch.eventTypes ? { event_types: patch.eventTypes } : {}),
            ...(patch.description !== undefined ? { description: patch.description } : {}),
            ...(patch.active !== undefined ? { active: patch.active } : {}),
            // Turning an endpoint back on starts its failure count afresh.
            ...(patch.active ? { consecutive_failures: 0, disabled_at: null, disabled_reason: null } : {}),
            updated_at: clock.now(),
          })
          .returning('*')) as Row[];
        await audit.record(
          { actor, orgId, action: 'webhook.updated', target: { type: 'webhook', id }, details: patch },
          trx,
        );
        return view(row!);
      });
    },

    async remove(orgId: number, id: number, actor: Actor): Promise<void> {
      await requireRole(db, actor, orgId, 'admin');
      await one(orgId, id);
      await db.transaction(async (trx) => {
        await trx('webhook_endpoints').where({ id }).del();
        await secrets.delete(webhookSecretAddress(orgId, id), trx);
        await audit.record({ actor, orgId, action: 'webhook.deleted', target: { type: 'webhook', id } }, trx);
      });
    },
  };
}

/** The webhook endpoint service. */
export type WebhookService = ReturnType<typeof createWebhookService>;
