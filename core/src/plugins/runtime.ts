import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { DuplicateNameError, PluginDependencyError } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { PluginContext, PluginDefinition, PluginServices } from './contract.js';

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
  logger: FastifyBaseLogger;
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
  return {
    id: plugin.id,
    config,
    logger: deps.logger.child({ plugin: plugin.id }),
    db: deps.db,
    clock: deps.clock,
    events: {
      emit: (event, payload, meta, trx) => {
        if (!own.has(event.name)) {
          throw new Error(`Plugin "${plugin.id}" may only emit its own events, not "${event.name}"`);
        }
        return deps.bus.emit(event, payload, meta, trx);
      },
    },
    scheduler: {
      schedule: (job, at, data, key) =>
        deps.scheduler.schedule(jobName(job.name), at, data as Record<string, unknown>, key),
      now: (job, data) => deps.scheduler.now(jobName(job.name), data as Record<string, unknown>),
      cancel: (job, key) => deps.scheduler.cancel(jobName(job.name), key),
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
        handler: (run) => job.handler(run as never, context),
      });
    }
    for (const sub of plugin.subscriptions ?? []) {
      deps.bus.subscribe({
        id: `${plugin.id}:${sub.id}`,
        eventName: sub.event.name,
        priority: sub.priority ?? 'normal',
        durable: sub.durable ?? false,
        timeoutMs: sub.timeoutMs ?? DEFAULT_SUBSCRIBER_TIMEOUT_MS,
        handler: (event) => sub.handler(event, context),
      });
    }
  }
  for (const entry of loaded.values()) {
    if (entry.definition.provides) entry.service = await entry.definition.provides(entry.context);
  }
  for (const entry of loaded.values()) await entry.definition.init?.(entry.context);
  return [...loaded.values()];
}
