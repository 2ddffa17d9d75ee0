/**
 * The public API of @racedesk/core: the only module plugins import at run time.
 */
export { type Actor, anonymousActor, systemActor } from './actor.js';
export { type BuildAppOptions, buildApp } from './app.js';
export type { AuditEntry, AuditLog } from './audit/audit-log.js';
export type { CoreServices } from './auth/core-services.js';
export { roleOfActor } from './auth/org-role.js';
export type { Caller, RequestAccess, RouteAuth } from './auth/request-context.js';
export { ORG_ROLES, type OrgRole, OrgRoleSchema, roleAtLeast } from './auth/roles.js';
export { DEFAULT_RATE_LIMITS, type RateLimits } from './auth/security-plugins.js';
export { type Clock, systemClock } from './clock.js';
export { loadConfig, validateConfig } from './config/load.js';
export { ConfigSchema, type RacedeskConfig } from './config/schema.js';
export { CrewApproved, CrewRemoved, CrewSignedUp, CrewUnapproved } from './crew/crew-events.js';
export type { CrewRoleName, CrewService, CrewView } from './crew/crew-service.js';
export { connectDatabase, type Database } from './db/connect.js';
export { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.js';
export { historyTable, type MigrationStatus, type MigrationUnit, migrationStatus } from './db/migrator.js';
export { DOMAIN_EVENTS } from './domain-events.js';
export type { CoreDomain } from './domain-services.js';
export {
  badRequest,
  conflict,
  forbidden,
  notFound,
  RacedeskError,
  unauthorized,
  unprocessable,
} from './errors.js';
export type { EventBus, Subscription } from './events/bus.js';
export type { ClusterListener } from './events/cluster.js';
export {
  type DispatchedEvent,
  defineEvent,
  type EmitMeta,
  type EventDefinition,
  type PayloadOf,
  type StagedEvent,
  type WriteStatement,
} from './events/define-event.js';
export type { SubscriberPriority } from './events/priority.js';
export { redeliverPendingEvents } from './events/recovery.js';
export { ErrorResponse } from './http/error-shape.js';
export type { RouteInfo } from './http/org-guard.js';
export { Page, type PageOf, type PageOrder, PageQuery, paginate } from './http/pagination.js';
export { NullableTimestamp, Timestamp } from './http/timestamp.js';
export type { Automation, AutomationAspect, AutomationClaim, ClaimTarget } from './matches/automation.js';
export { formatDuration, parseDuration, parseInstant } from './matches/iso-time.js';
export {
  MatchCancelled,
  MatchCreated,
  MatchFinished,
  MatchPlayersChanged,
  MatchRescheduled,
  MatchSnapshot,
  MatchStateChanged,
  MatchUpdated,
} from './matches/match-events.js';
export type { MatchView } from './matches/match-schemas.js';
export type { MatchKey, MatchSpec } from './matches/match-service.js';
export type { ImportedMatch } from './matches/match-sources.js';
export { MATCH_STATES, type MatchState } from './matches/match-state.js';
export type { MatchService } from './matches/matches.js';
export {
  type Delivery,
  type DeliveryMessage,
  type DeliveryOutcome,
  delivered,
  deliveryMessageOf,
  failDelivery,
  type NotificationChannel,
  retryDelivery,
} from './notifications/channel.js';
export type { DeliveryPolicy } from './notifications/delivery-worker.js';
export {
  defineNotification,
  type NotificationType,
  type RecipientLookup,
} from './notifications/notification-types.js';
export type { NotificationService } from './notifications/notifications.js';
export type { MemberService } from './orgs/member-service.js';
export { MemberAdded, MemberRemoved, MemberRoleChanged, OrgCreated } from './orgs/org-events.js';
export type { OrgRef } from './orgs/org-repository.js';
export { Org, OrgParams, Slug, TimeZone } from './orgs/org-schemas.js';
export type { OrgService } from './orgs/org-service.js';
export {
  definePlugin,
  defineSubscriber,
  type PluginAccess,
  type PluginContext,
  type PluginDefinition,
  type PluginEnablement,
  type PluginEvents,
  type PluginInstanceConfig,
  type PluginOrg,
  type PluginScheduler,
  type PluginSecrets,
  type PluginServices,
  type PluginSubscriber,
  type RacedeskApp,
  type RouteRegistrar,
  type UserDirectory,
} from './plugins/contract.js';
export { sortByDependencies } from './plugins/dependency-order.js';
export type { EnablementService, PluginState } from './plugins/enablement.js';
export { PluginDisabled, PluginEnabled } from './plugins/enablement-events.js';
export { CORE_VERSION } from './plugins/manifest.js';
export type { LoadedPlugin } from './plugins/runtime.js';
export type { InstanceRole, RacedeskRuntime } from './runtime.js';
export { defineJob, type JobDefinition, type JobRun, type RetryPolicy } from './scheduler/define-job.js';
export type { JobSummary } from './scheduler/job-list.js';
export type { Scheduler } from './scheduler/scheduler.js';
export type { SecretCipher } from './secrets/cipher.js';
export type { SecretAddress, SecretStore } from './secrets/secret-store.js';
export type { StreamChannelService, StreamChannelView } from './stream-channels/stream-channel-service.js';
export type { TokenInfo, TokenService } from './tokens/token-service.js';
export { TournamentArchived, TournamentCreated, TournamentUpdated } from './tournaments/tournament-events.js';
export type { TournamentView } from './tournaments/tournament-schemas.js';
export type { TournamentService } from './tournaments/tournament-service.js';
export { UserMerged } from './users/user-events.js';
export type { UserMerge, UserMergeHandler } from './users/user-merge.js';
export type { UserRef } from './users/user-repository.js';
export { User, userView } from './users/user-schemas.js';
export type { DiscordProfile, PlaceholderSpec, UserService } from './users/user-service.js';
export { SIGNATURE_HEADER, signWebhook, verifyWebhook } from './webhooks/signature.js';
