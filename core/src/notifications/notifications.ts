import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import type { EventBus } from '../events/bus.js';
import type { EventDefinition } from '../events/define-event.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { NotificationChannel } from './channel.js';
import { createDeliveryWorker, DEFAULT_DELIVERY_POLICY, type DeliveryPolicy } from './delivery-worker.js';
import { createFanOut } from './fan-out.js';
import { CORE_NOTIFICATIONS, type NotificationType } from './notification-types.js';

const DELIVER_JOB = 'core:deliver-notifications';
const SWEEP_JOB = 'core:notifications-sweep';

/**
 * Notifications: the channel registry, notification types, the fan-out subscribers that turn
 * events into deliveries, and the delivery worker jobs.
 */
export function createNotifications(deps: {
  db: Database;
  clock: Clock;
  bus: EventBus;
  scheduler: Scheduler;
  logger: FastifyBaseLogger;
  policy?: Partial<DeliveryPolicy>;
}) {
  const { db, clock, bus, scheduler } = deps;
  const policy = { ...DEFAULT_DELIVERY_POLICY, ...deps.policy };
  const channels = new Map<string, NotificationChannel>();
  const types = new Map<string, NotificationType[]>();
  const subscribed = new Set<string>();
  const fanOut = createFanOut(db, clock, { channels, typesFor: (name) => types.get(name) ?? [] });
  const worker = createDeliveryWorker({ db, clock, logger: deps.logger, channels, policy });

  /** Asks a worker to deliver at `at` (one job per instant, so a running job never swallows a newer one). */
  const wake = (at: Date, key: string) => scheduler.schedule(DELIVER_JOB, at, {}, key);

  const service = {
    policy,
    /** Registers a channel (discord-notify: `discord-dm`, `discord-channel`; the core: `webhook`). */
    registerChannel(channel: NotificationChannel): void {
      if (channels.has(channel.id))
        throw new Error(`Notification channel "${channel.id}" is registered twice`);
      channels.set(channel.id, channel);
    },
    /** The registered channels. */
    channels: () => [...channels.values()],

    /** Makes events of `event` deliverable (to webhooks) even without a notification type for people. */
    watch(event: EventDefinition): void {
      if (subscribed.has(event.name)) return;
      // Subscribe first: an undeclared event throws here and must leave nothing listed behind.
      bus.subscribe({
        id: `core:notify:${event.name}`,
        eventName: event.name,
        priority: 'low',
        durable: true,
        timeoutMs: 30_000,
        prepare: fanOut.prepare,
        handler: async (dispatched) => {
          if ((await fanOut(dispatched)) > 0) await wake(clock.now(), `event:${dispatched.id}`);
        },
      });
      subscribed.add(event.name);
    },

    /** Declares a notification type (plugins: their own events, with recipients and default opt-in). */
    registerType(type: NotificationType): void {
      // Watch first: a type whose event is not declared throws and is not listed.
      service.watch(type.event);
      const list = types.get(type.event.name) ?? [];
      list.push(type);
      types.set(type.event.name, list);
    },
    /** Every notification type. */
    types: () => [...types.values()].flat(),
    /** Event types webhooks may subscribe to. */
    watchedEvents: () => [...subscribed].sort(),

    /** Delivers what is due now and wakes a worker again when the next retry or lease is due. */
    async deliverDue(): Promise<number> {
      const count = await worker.drain();
      const next = await worker.nextDue();
      if (next) await wake(next, `at:${next.toISOString()}`);
      return count;
    },
  };

  for (const type of CORE_NOTIFICATIONS) service.registerType(type);
  scheduler.register({
    name: DELIVER_JOB,
    retry: { attempts: 3, delayMs: 5_000 },
    handler: async () => void (await service.deliverDue()),
  });
  // Safety net: deliveries whose wake-up job was lost (an instance died) still go out.
  scheduler.register({
    name: SWEEP_JOB,
    every: '1 minute',
    handler: async () => void (await service.deliverDue()),
  });
  return service;
}

/** The notification service (`ctx.domain.notifications` for plugins). */
export type NotificationService = ReturnType<typeof createNotifications>;
