import type { FastifyBaseLogger } from 'fastify';
import type { CoreServices } from '../auth/core-services.js';
import { roleOfActor } from '../auth/org-role.js';
import { roleAtLeast } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import type { RacedeskConfig } from '../config/schema.js';
import type { Database } from '../db/connect.js';
import type { CoreDomain } from '../domain-services.js';
import { DuplicateNameError, forbidden, notFound, PluginDependencyError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { DispatchedEvent } from '../events/define-event.js';
import type { Prepare } from '../events/read-ahead.js';
import type { InstanceRole } from '../runtime.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type {
  PluginContext,
  PluginDefinition,
  PluginInstanceConfig,
  PluginServices,
  PluginSubscriber,
} from './contract.js';

/** A plugin after loading: its definition, resolved config, context and provided service. */
export interface LoadedPlugin {
  definition: PluginDefinition;
  context: PluginContext;
  service?: unknown;
}

interface RuntimeDeps {
  db: Database;
  bus: EventBus;
  scheduler: Scheduler;
  clock: Clock;
  role: InstanceRole;
  config: RacedeskConfig;
  logger: FastifyBaseLogger;
  core: CoreServices;
  domain: CoreDomain;
}

const DEFAULT_SUBSCRIBER_TIMEOUT_MS = 10_000;

/** Builds the plugin-scoped context: namespaced logger, jobs and events, and dependency services. */
function createContext(
  plugin: PluginDefinition,
  config: unknown,
  deps: RuntimeDeps,
  loaded: Map<string, LoadedPlugin>,
): PluginContext {
  const own = new Set((plugin.events ?? []).map((e) => e.name));
  const jobName = (name: string) => `${plugin.id}:${name}`;
  const dependencies = new Set(plugin.dependsOn ?? []);
  const instance: PluginInstanceConfig = Object.freeze({
    publicUrl: deps.config.publicUrl,
    services: Object.freeze({ ...deps.config.services }),
    discordBotToken: deps.config.discordBotToken ?? null,
    oauthClientIds: Object.freeze({
      discord: deps.config.oauth.discord.clientId ?? null,
      racetime: deps.config.oauth.racetime.clientId ?? null,
    }),
  });
  const mayEmit = (name: string) => {
    if (!own.has(name)) throw new Error(`Plugin "${plugin.id}" may only emit its own events, not "${name}"`);
  };
  return {
    id: plugin.id,
    config,
    instance,
    role: deps.role,
    logger: deps.logger.child({ plugin: plugin.id }),
    db: deps.db,
    clock: deps.clock,
    events: {
      emit: (event, payload, meta, trx) => {
        mayEmit(event.name);
        return deps.bus.emit(event, payload, meta, trx);
      },
      writeWith: (statement, staged) => {
        for (const { event } of staged) mayEmit(event.name);
        return deps.bus.writeWith(statement, staged);
      },
    },
    scheduler: {
      schedule: (job, at, data, key) =>
        deps.scheduler.schedule(jobName(job.name), at, data as Record<string, unknown>, key),
      now: (job, data) => deps.scheduler.now(jobName(job.name), data as Record<string, unknown>),
      cancel: (job, key) => deps.scheduler.cancel(jobName(job.name), key),
    },
    enablement: {
      isEnabled: (orgId) => deps.core.enablement.isEnabled(plugin.id, orgId),
      settingsFor: async <S>(orgId: number) =>
        (await deps.core.enablement.settingsFor(plugin.id, orgId)) as S | undefined,
      enabledOrgs: () => deps.core.enablement.enabledOrgs(plugin.id),
    },
    secrets: {
      ...deps.core.secrets.store(plugin.id),
      encrypt: (plaintext) => deps.core.secrets.cipher.encrypt(plaintext),
      decrypt: (ciphertext) => deps.core.secrets.cipher.decrypt(ciphertext),
    },
    users: deps.core.users,
    audit: deps.core.audit,
    domain: deps.domain,
    access: {
      roleOf: (orgId, actor) => roleOfActor(deps.db, actor, orgId),
      async require(orgId, actor, permission) {
        const least = plugin.permissions?.[permission];
        if (!least) throw new Error(`Plugin "${plugin.id}" checks undeclared permission "${permission}"`);
        const role = await roleOfActor(deps.db, actor, orgId);
        if (!role) throw notFound('RD_ORG_NOT_FOUND', 'No such organization');
        if (!roleAtLeast(role, least))
          throw forbidden('RD_ROLE_TOO_LOW', `This needs the ${least} role or higher`);
      },
    },
    services: {
      get<K extends keyof PluginServices>(pluginId: K): PluginServices[K] {
        if (!dependencies.has(pluginId as string)) {
          throw new PluginDependencyError(
            `Plugin "${plugin.id}" uses "${String(pluginId)}" without depending on it`,
          );
        }
        return loaded.get(pluginId as string)?.service as PluginServices[K];
      },
    },
  };
}

type PluginPrepare = NonNullable<PluginSubscriber['prepare']>;

/**
 * The bus's `prepare` for each of a plugin's read-ahead functions (one per function, so subscribers
 * sharing it get one call): it hands on the events of organizations that have the plugin on.
 */
function readAheads(context: PluginContext): (prepare: PluginPrepare) => Prepare {
  const wrapped = new Map<PluginPrepare, Prepare>();
  return (prepare) => {
    let bus = wrapped.get(prepare);
    if (!bus) {
      bus = async (events) => {
        const mine: DispatchedEvent[] = [];
        for (const event of events)
          if (event.orgId === null || (await context.enablement.isEnabled(event.orgId))) mine.push(event);
        if (mine.length > 0) await prepare(mine, context);
      };
      wrapped.set(prepare, bus);
    }
    return bus;
  };
}

/**
 * Wires plugins in dependency order: declares their events, registers subscribers and jobs under
 * namespaced names (duplicates stop the boot), builds provided services, then runs `init`.
 */
export async function wirePlugins(
  plugins: readonly PluginDefinition[],
  configs: Map<string, unknown>,
  deps: RuntimeDeps,
): Promise<LoadedPlugin[]> {
  const loaded = new Map<string, LoadedPlugin>();
  for (const plugin of plugins) {
    const context = createContext(plugin, configs.get(plugin.id), deps, loaded);
    deps.bus.declare(plugin.events ?? [], `plugin ${plugin.id}`);
    loaded.set(plugin.id, { definition: plugin, context });
  }
  for (const { definition: plugin, context } of loaded.values()) {
    const prepareOf = readAheads(context);
    const seenJobs = new Set<string>();
    for (const job of plugin.jobs ?? []) {
      if (seenJobs.has(job.name))
        throw new DuplicateNameError(`Plugin "${plugin.id}" defines job "${job.name}" twice`);
      seenJobs.add(job.name);
      deps.scheduler.register({
        name: `${plugin.id}:${job.name}`,
        every: job.every,
        cron: job.cron,
        concurrency: job.concurrency,
        lockLifetimeMs: job.lockLifetimeMs,
        retry: job.retry,
        handler: async (run) => {
          // One-off jobs carrying an orgId do nothing for an org that has turned the plugin off.
          const orgId = (run.data as { orgId?: unknown } | undefined)?.orgId;
          if (typeof orgId === 'number' && !(await context.enablement.isEnabled(orgId))) {
            context.logger.info({ job: run.name, orgId }, 'job skipped: plugin is off for this organization');
            return;
          }
          await job.handler(run as never, context);
        },
      });
    }
    for (const sub of plugin.subscriptions ?? []) {
      if (sub.optional && !deps.bus.has(sub.event.name)) {
        context.logger.info(
          { subscriber: sub.id, event: sub.event.name },
          'optional subscriber skipped: no loaded plugin declares its event',
        );
        continue;
      }
      deps.bus.subscribe({
        id: `${plugin.id}:${sub.id}`,
        eventName: sub.event.name,
        priority: sub.priority ?? 'normal',
        durable: sub.durable ?? false,
        timeoutMs: sub.timeoutMs ?? DEFAULT_SUBSCRIBER_TIMEOUT_MS,
        prepare: sub.prepare && prepareOf(sub.prepare),
        handler: async (event) => {
          // Events of an org that has the plugin off never reach the plugin.
          if (event.orgId !== null && !(await context.enablement.isEnabled(event.orgId))) return;
          await sub.handler(event, context);
        },
      });
    }
  }
  for (const { definition, context } of loaded.values()) {
    const onUserMerge = definition.onUserMerge;
    if (onUserMerge) deps.core.users.onMerge((merge, trx) => onUserMerge(merge, context, trx));
  }
  for (const entry of loaded.values()) {
    if (entry.definition.provides) entry.service = await entry.definition.provides(entry.context);
  }
  for (const entry of loaded.values()) await entry.definition.init?.(entry.context);
  return [...loaded.values()];
}
