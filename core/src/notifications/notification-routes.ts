import { Type } from 'typebox';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { unprocessable } from '../errors.js';
import { Page, PageQuery, paginate } from '../http/pagination.js';
import { NullableTimestamp, Timestamp } from '../http/timestamp.js';
import { OrgParams } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';
import type { NotificationService } from './notifications.js';

const Preference = Type.Object({
  eventType: Type.String({ maxLength: 100 }),
  channel: Type.String({ maxLength: 64 }),
  enabled: Type.Boolean(),
});
const Preferences = Type.Object({
  channels: Type.Array(Type.Object({ id: Type.String(), description: Type.String() })),
  types: Type.Array(
    Type.Object({ eventType: Type.String(), description: Type.String(), defaultOn: Type.Boolean() }),
  ),
  preferences: Type.Array(Type.Object({ ...Preference.properties, isDefault: Type.Boolean() })),
});
const DeliveryStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('sending'),
  Type.Literal('sent'),
  Type.Literal('failed'),
]);
const DeliveryItem = Type.Object(
  {
    id: Type.Integer(),
    eventId: Type.Integer(),
    eventType: Type.String(),
    channel: Type.String(),
    userId: Type.Union([Type.Integer(), Type.Null()]),
    webhookId: Type.Union([Type.Integer(), Type.Null()]),
    status: DeliveryStatus,
    attempts: Type.Integer(),
    lastError: Type.Union([Type.String(), Type.Null()]),
    nextAttemptAt: NullableTimestamp,
    sentAt: NullableTimestamp,
    createdAt: Timestamp,
  },
  { title: 'NotificationDelivery' },
);

/** `GET/PUT /api/v1/me/notifications` and the org's delivery log. */
export function notificationRoutes(
  notifications: NotificationService,
  db: Database,
  clock: Clock,
  audit: AuditLog,
) {
  return async (app: RacedeskApp): Promise<void> => {
    const userChannels = () => notifications.channels().filter((c) => (c.audience ?? 'user') === 'user');
    const preferencesOf = async (userId: number) => {
      const chosen = await db('notification_preferences')
        .where({ user_id: userId })
        .select('event_type', 'channel', 'enabled');
      const map = new Map(chosen.map((c) => [`${c.event_type}:${c.channel}`, c.enabled as boolean]));
      const types = [...new Map(notifications.types().map((t) => [t.event.name, t])).values()];
      return {
        channels: userChannels().map((c) => ({ id: c.id, description: c.description ?? c.id })),
        types: types.map((t) => ({
          eventType: t.event.name,
          description: t.description,
          defaultOn: t.defaultOn ?? true,
        })),
        preferences: types.flatMap((t) =>
          userChannels().map((c) => {
            const own = map.get(`${t.event.name}:${c.id}`);
            return {
              eventType: t.event.name,
              channel: c.id,
              enabled: own ?? ((t.defaultOn ?? true) && (c.defaultOn ?? true)),
              isDefault: own === undefined,
            };
          }),
        ),
      };
    };

    app.get(
      '/api/v1/me/notifications',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['notifications'],
          summary: 'Your notification preferences (type × channel)',
          response: { 200: Preferences },
        },
      },
      async (request) => preferencesOf(request.racedesk.userId ?? 0),
    );

    app.put(
      '/api/v1/me/notifications',
      {
        config: { auth: 'user' },
        schema: {
          tags: ['notifications'],
          summary: 'Opt in or out of notification types per channel',
          body: Type.Object(
            { preferences: Type.Array(Preference, { maxItems: 500 }) },
            { additionalProperties: false },
          ),
          response: { 200: Preferences },
        },
      },
      async (request) => {
        const userId = request.racedesk.userId;
        if (userId === null)
          throw unprocessable('RD_NOTIFICATIONS_NO_USER', 'This token has no user to notify');
        const types = new Set(notifications.types().map((t) => t.event.name));
        const channels = new Set(userChannels().map((c) => c.id));
        const unknown = request.body.preferences.filter(
          (p) => !types.has(p.eventType) || !channels.has(p.channel),
        );
        if (unknown.length) {
          throw unprocessable(
            'RD_NOTIFICATION_UNKNOWN',
            `Unknown notification type or channel: ${unknown.map((p) => `${p.eventType}/${p.channel}`).join(', ')}`,
          );
        }
        const wanted = request.body.preferences;
        const pairs = new Set(wanted.map((p) => `${p.eventType}/${p.channel}`));
        if (pairs.size !== wanted.length) {
          throw unprocessable(
            'RD_NOTIFICATION_DUPLICATE',
            'Each type and channel may appear once in preferences',
          );
        }
        if (wanted.length) {
          // All or nothing, with the audit entry in the same transaction.
          await db.transaction(async (trx) => {
            const now = clock.now();
            await trx('notification_preferences')
              .insert(
                wanted.map((p) => ({
                  user_id: userId,
                  event_type: p.eventType,
                  channel: p.channel,
                  enabled: p.enabled,
                  updated_at: now,
                })),
              )
              .onConflict(['user_id', 'event_type', 'channel'])
              .merge(['enabled', 'updated_at']);
            await audit.record(
              {
                actor: request.racedesk.actor,
                action: 'notification.preferences_changed',
                target: { type: 'user', id: userId },
                details: { preferences: wanted },
              },
              trx,
            );
          });
        }
        return preferencesOf(userId);
      },
    );

    app.get(
      '/api/v1/orgs/:org/notifications/deliveries',
      {
        config: { minRole: 'moderator' },
        schema: {
          tags: ['notifications'],
          summary: 'Delivery log of the org, newest first: status, attempts, last error',
          params: OrgParams,
          querystring: Type.Object({
            ...PageQuery.properties,
            status: Type.Optional(DeliveryStatus),
            channel: Type.Optional(Type.String({ maxLength: 64 })),
            webhookId: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
            matchId: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: Number.MAX_SAFE_INTEGER,
                description: 'Only deliveries of events about this match',
              }),
            ),
          }),
          response: { 200: Page(DeliveryItem) },
        },
      },
      async (request) => {
        const { status, channel, webhookId, matchId } = request.query;
        const q = db('notification_deliveries').where({ org_id: request.racedesk.org!.id });
        if (status) q.where({ status });
        // Core match events carry `match.id`; plugin events about a match carry `matchId`.
        if (matchId)
          q.where((w) =>
            w
              .whereRaw("message->'payload'->'match'->>'id' = ?", [String(matchId)])
              .orWhereRaw("message->'payload'->>'matchId' = ?", [String(matchId)]),
          );
        if (channel) q.where({ channel });
        if (webhookId) q.where({ webhook_id: webhookId });
        const page = await paginate<Record<string, never>>(q, request.query, {
          columns: ['id'],
          direction: 'desc',
        });
        return {
          items: page.items.map((r: Record<string, unknown>) => ({
            id: r.id as number,
            eventId: r.event_id as number,
            eventType: r.event_type as string,
            channel: r.channel as string,
            userId: r.user_id as number | null,
            webhookId: r.webhook_id as number | null,
            status: r.status as 'sent',
            attempts: r.attempts as number,
            lastError: r.last_error as string | null,
            nextAttemptAt: r.status === 'sent' || r.status === 'failed' ? null : (r.next_attempt_at as Date),
            sentAt: r.sent_at as Date | null,
            createdAt: r.created_at as Date,
          })),
          nextCursor: page.nextCursor,
        };
      },
    );
  };
}
