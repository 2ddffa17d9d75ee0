import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Knex } from 'knex';
import type { Static, TSchema } from 'typebox';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { OrgRole } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import type { RacedeskConfig } from '../config/schema.js';
import type { Database } from '../db/connect.js';
import type { CoreDomain } from '../domain-services.js';
import type {
  DispatchedEvent,
  EmitMeta,
  EventDefinition,
  PayloadOf,
  StagedEvent,
  WriteStatement,
} from '../events/define-event.js';
import type { SubscriberPriority } from '../events/priority.js';
import type { OrgRef } from '../orgs/org-repository.js';
import type { InstanceRole } from '../runtime.js';
import type { JobDefinition } from '../scheduler/define-job.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { UserMerge } from '../users/user-merge.js';
import type { UserService } from '../users/user-service.js';

/** The Fastify instance routes are registered on, typed by TypeBox schemas. */
export type RacedeskApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * Services plugins provide to the plugins that depend on them. A providing plugin adds its entry by
 * declaration merging: `declare module '@racedesk/core' { interface PluginServices { racetime: RacetimeService } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging
export interface PluginServices {}

/** Emits events, restricted to the ones the plugin declared. */
export interface PluginEvents {
  emit<E extends EventDefinition>(
    event: E,
    payload: PayloadOf<E>,
    meta: EmitMeta,
    trx?: Knex.Transaction,
  ): Promise<DispatchedEvent<E>>;
  /**
   * A change and its events in one statement (hot paths: one round trip, atomic without a
   * transaction). `statement` is data-modifying CTEs without the final `select`, one of them named
   * `gate` with a text column `key`; the staged events whose `key` the gate returned are written with
   * it, in order, and dispatched once it committed. Returns the keys the gate returned and the events.
   */
  writeWith(
    statement: WriteStatement,
    staged: ReadonlyArray<StagedEvent>,
  ): Promise<{ keys: Set<string>; events: DispatchedEvent[] }>;
}

/** Schedules the plugin's own jobs (names are namespaced as `<plugin>:<job>`). */
export interface PluginScheduler {
  /** Runs `job` once at `at`; with a `key`, scheduling the same key again moves the run. */
  schedule<D>(job: JobDefinition<D, never>, at: Date, data: D, key?: string): Promise<void>;
  /** Runs `job` as soon as a worker can. */
  now<D>(job: JobDefinition<D, never>, data: D): Promise<void>;
  /** Cancels pending runs of `job` under `key` (or all of them). */
  cancel<D>(job: JobDefinition<D, never>, key?: string): Promise<number>;
}

/** The plugin's per-organization switch, for jobs and services (subscribers skip disabled orgs already). */
export interface PluginEnablement {
  isEnabled(orgId: number): Promise<boolean>;
  /** The org's validated settings for this plugin, or undefined while the plugin is off there. */
  settingsFor<Settings = Record<string, unknown>>(orgId: number): Promise<Settings | undefined>;
  /** Ids of the orgs that have this plugin on. */
  enabledOrgs(): Promise<number[]>;
}

/** Secrets encrypted at rest with RACEDESK_SECRET_KEY (AES-256-GCM); the named store is covered by key rotation. */
export interface PluginSecrets extends SecretStore {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

/** Users as plugins may use them: lookups, placeholders, merging a placeholder into a real user. */
export type UserDirectory = Pick<
  UserService,
  'byId' | 'byDiscordId' | 'createPlaceholder' | 'createPlaceholders' | 'attachDiscordId' | 'merge'
>;

/** Permission checks for plugin services, against the plugin's declared `permissions`. */
export interface PluginAccess {
  /** The actor's role in the org (owner for superadmins and system actors; null for non-members). */
  roleOf(orgId: number, actor: Actor): Promise<OrgRole | null>;
  /** Throws 404 for non-members and 403 when the actor's role is below the permission's role. */
  require(orgId: number, actor: Actor, permission: string): Promise<void>;
}

/** An organization handed to `onEnable` / `onDisable`, with its settings for the plugin. */
export type PluginOrg = OrgRef & { settings: Record<string, unknown> };

/** Everything a plugin receives from the core: its own logger, config, database, events, jobs, services. */
/**
 * The parts of the validated instance config (env and `racedesk.config.json` merged) that plugins read:
 * public URL, external service URLs, the instance Discord bot token and the OAuth client ids (never the
 * client secrets, the database URL or the secret key).
 */
export interface PluginInstanceConfig {
  readonly publicUrl: string;
  readonly services: Readonly<RacedeskConfig['services']>;
  /** `RACEDESK_DISCORD_BOT_TOKEN`: when set it takes precedence over a token stored through the API. */
  readonly discordBotToken: string | null;
  readonly oauthClientIds: { readonly discord: string | null; readonly racetime: string | null };
}

export interface PluginContext<Config = unknown> {
  readonly id: string;
  /** This plugin's own config (`plugins.<id>`), validated against its schema. */
  readonly config: Config;
  /** The instance config plugins may read (the same validated values the core uses). */
  readonly instance: PluginInstanceConfig;
  /**
   * Which work this instance does (`racedesk serve --role`): `api` serves HTTP only, so long-lived work
   * (sockets, leases, timers) belongs to `worker` and `all` instances, which also run the jobs.
   */
  readonly role: InstanceRole;
  readonly logger: FastifyBaseLogger;
  readonly db: Database;
  readonly clock: Clock;
  readonly events: PluginEvents;
  readonly scheduler: PluginScheduler;
  /** Whether an org has this plugin on, and its settings there. */
  readonly enablement: PluginEnablement;
  readonly secrets: PluginSecrets;
  readonly users: UserDirectory;
  /** Audit entries; pass the change's transaction. */
  readonly audit: AuditLog;
  readonly access: PluginAccess;
  /**
   * The core's tournament domain: tournaments, matches (with imports and the automation-owner hook),
   * crew, stream channels, notifications (channels and types), webhooks, calendars. Act as
   * `systemActor('<plugin id>')`.
   */
  readonly domain: CoreDomain;
  /** Services of the plugins this one depends on. */
  readonly services: { get<K extends keyof PluginServices>(pluginId: K): PluginServices[K] };
}

/** Registers a plugin's routes inside its own encapsulated Fastify scope. */
export type RouteRegistrar<Config = unknown> = (
  app: RacedeskApp,
  ctx: PluginContext<Config>,
) => Promise<void> | void;

/** A subscriber declared by a plugin: the handler also receives the plugin's context. */
export interface PluginSubscriber<Config = unknown, E extends EventDefinition = EventDefinition> {
  readonly id: string;
  readonly event: E;
  readonly priority?: SubscriberPriority;
  readonly durable?: boolean;
  readonly timeoutMs?: number;
  /**
   * For another plugin's event that may not be installed: when no loaded plugin declares the event,
   * the subscriber is skipped with a log line instead of stopping the boot.
   */
  readonly optional?: boolean;
  handler(event: DispatchedEvent<E>, ctx: PluginContext<Config>): Promise<void> | void;
  /**
   * Optional read-ahead: called once with the events of a committed transaction that this subscriber
   * will get (those of organizations with the plugin on), as the transaction commits, so the handler can
   * find what it needs without one query per event. The plugin's subscribers that share one function
   * get one call with all their events. Only they wait for it; a failure is logged and their handlers
   * run all the same. A durable event's redelivery runs the handler alone: it must work without it.
   */
  prepare?(events: Array<DispatchedEvent<E>>, ctx: PluginContext<Config>): Promise<void>;
}

/** What a plugin declares about itself. `src/index.ts` of a plugin is one `definePlugin({...})` call. */
export interface PluginDefinition<ConfigSchema extends TSchema = TSchema, Service = unknown> {
  /** Lowercase id, also the prefix of its routes, tables, jobs and events. */
  readonly id: string;
  readonly version: string;
  /** Semver range of @racedesk/core this plugin works with. */
  readonly core: string;
  readonly description?: string;
  readonly dependsOn?: readonly string[];
  /** Instance configuration under `plugins.<id>` in racedesk.config.json, with defaults. */
  readonly config?: ConfigSchema;
  /** Absolute path of the plugin's Knex migrations folder. */
  readonly migrations?: string;
  readonly events?: readonly EventDefinition[];
  /** Per-organization settings, validated when an org admin enables the plugin or changes them. */
  readonly settings?: TSchema;
  /** The plugin's actions with the least org role allowed each; routes use them as `config.permission`. */
  readonly permissions?: Readonly<Record<string, OrgRole>>;
  readonly routes?: {
    /** Mounted at `/api/v1/orgs/:org/<id>`. */
    readonly org?: RouteRegistrar<Static<ConfigSchema>>;
    /** Mounted at `/api/v1/<id>`. */
    readonly instance?: RouteRegistrar<Static<ConfigSchema>>;
    /**
     * The caller's own resources, mounted at `/api/v1/me/<id>`: signed-in users by default
     * (`config.auth` opts out), the caller is `request.racedesk.userId`.
     */
    readonly me?: RouteRegistrar<Static<ConfigSchema>>;
  };
  readonly jobs?: ReadonlyArray<JobDefinition<never, PluginContext<Static<ConfigSchema>>>>;
  readonly subscriptions?: ReadonlyArray<PluginSubscriber<Static<ConfigSchema>, EventDefinition>>;
  /** Builds the service other plugins get through `ctx.services.get(id)`. */
  provides?(ctx: PluginContext<Static<ConfigSchema>>): Service | Promise<Service>;
  /** Runs once after migrations and wiring, before the server accepts requests. */
  init?(ctx: PluginContext<Static<ConfigSchema>>): Promise<void> | void;
  /** An org turned the plugin on; runs in that change's transaction (a throw undoes the change). */
  onEnable?(
    org: PluginOrg,
    ctx: PluginContext<Static<ConfigSchema>>,
    trx: Knex.Transaction,
  ): Promise<void> | void;
  /** An org turned the plugin off (e.g. cancel its jobs for that org); same transaction rules. */
  onDisable?(
    org: PluginOrg,
    ctx: PluginContext<Static<ConfigSchema>>,
    trx: Knex.Transaction,
  ): Promise<void> | void;
  /** A placeholder user is being merged: move this plugin's rows keyed by user id, in `trx`. */
  onUserMerge?(
    merge: UserMerge,
    ctx: PluginContext<Static<ConfigSchema>>,
    trx: Knex.Transaction,
  ): Promise<void> | void;
  /** Runs on shutdown, before the database closes. */
  close?(ctx: PluginContext<Static<ConfigSchema>>): Promise<void> | void;
}

/** Declares a plugin; exists for typing. */
export function definePlugin<ConfigSchema extends TSchema, Service = unknown>(
  definition: PluginDefinition<ConfigSchema, Service>,
): PluginDefinition<ConfigSchema, Service> {
  return definition;
}

/** Declares a plugin subscriber; exists for typing. */
export function defineSubscriber<E extends EventDefinition, Config = unknown>(
  definition: PluginSubscriber<Config, E>,
): PluginSubscriber<Config, E> {
  return definition;
}
