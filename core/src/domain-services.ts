import type { FastifyBaseLogger } from 'fastify';
import type { AuditLog } from './audit/audit-log.js';
import { type CalendarFeeds, createCalendarFeeds } from './calendars/calendar-feeds.js';
import { calendarRoutes } from './calendars/calendar-routes.js';
import type { Clock } from './clock.js';
import type { RacedeskConfig } from './config/schema.js';
import { crewRoutes } from './crew/crew-routes.js';
import { type CrewService, createCrewService } from './crew/crew-service.js';
import type { Database } from './db/connect.js';
import { DOMAIN_EVENTS } from './domain-events.js';
import type { EventBus } from './events/bus.js';
import { matchRoutes } from './matches/match-routes.js';
import { createMatches, type MatchService } from './matches/matches.js';
import { notificationRoutes } from './notifications/notification-routes.js';
import { createNotifications, type NotificationService } from './notifications/notifications.js';
import type { RacedeskApp } from './plugins/contract.js';
import type { Scheduler } from './scheduler/scheduler.js';
import type { SecretCipher } from './secrets/cipher.js';
import type { SecretStore } from './secrets/secret-store.js';
import { streamChannelRoutes } from './stream-channels/stream-channel-routes.js';
import {
  createStreamChannelService,
  type StreamChannelService,
} from './stream-channels/stream-channel-service.js';
import { tournamentRoutes } from './tournaments/tournament-routes.js';
import { createTournamentService, type TournamentService } from './tournaments/tournament-service.js';
import { createWebhookChannel } from './webhooks/webhook-channel.js';
import { webhookRoutes } from './webhooks/webhook-routes.js';
import { createWebhookService, type WebhookService } from './webhooks/webhook-service.js';

/** The tournament domain as plugins use it (`ctx.domain`) and core routes serve it. */
export interface CoreDomain {
  tournaments: TournamentService;
  matches: MatchService;
  crew: CrewService;
  streamChannels: StreamChannelService;
  notifications: NotificationService;
  webhooks: WebhookService;
  calendars: CalendarFeeds;
}

declare module './runtime.js' {
  interface RacedeskRuntime {
    /** Tournaments, matches, crew, stream channels, notifications, webhooks, calendars. */
    domain: CoreDomain;
  }
}

/** Declares the `core.*` domain events and builds the domain services, the webhook channel and the delivery jobs. */
export function createDomain(deps: {
  db: Database;
  clock: Clock;
  bus: EventBus;
  audit: AuditLog;
  scheduler: Scheduler;
  logger: FastifyBaseLogger;
  config: RacedeskConfig;
  cipher: SecretCipher;
  secrets: SecretStore;
}): CoreDomain {
  const { db, clock, bus, audit } = deps;
  bus.declare(DOMAIN_EVENTS, 'core');
  const shared = { db, clock, bus, audit };
  const matches = createMatches(shared);
  const notifications = createNotifications({
    db,
    clock,
    bus,
    scheduler: deps.scheduler,
    logger: deps.logger,
  });
  for (const event of DOMAIN_EVENTS) notifications.watch(event);
  const hooks = deps.config.webhooks;
  notifications.registerChannel(createWebhookChannel(db, clock, deps.secrets, hooks));
  return {
    tournaments: createTournamentService(shared),
    matches,
    crew: createCrewService(shared, matches.automation),
    streamChannels: createStreamChannelService(shared),
    notifications,
    webhooks: createWebhookService(shared, deps.secrets, {
      allowHttpLoopback: hooks.allowHttpLoopback,
      eventTypes: () => notifications.watchedEvents(),
    }),
    calendars: createCalendarFeeds(db, clock, deps.cipher, deps.config.publicUrl),
  };
}

/** Registers the domain's REST routes. */
export async function domainRoutes(app: RacedeskApp): Promise<void> {
  const { domain, db, clock } = app.racedesk;
  for (const routes of [
    tournamentRoutes(domain.tournaments),
    matchRoutes(domain.matches),
    crewRoutes(domain.crew, db, clock),
    streamChannelRoutes(domain.streamChannels),
    calendarRoutes(domain.calendars, db),
    notificationRoutes(domain.notifications, db, clock, app.racedesk.audit),
    webhookRoutes(domain.webhooks, () => domain.notifications.watchedEvents()),
  ]) {
    await app.register(routes);
  }
}
