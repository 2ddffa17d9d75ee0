import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyServerOptions } from 'fastify';
import { coreAccessRoutes } from './auth/core-routes.js';
import { type CoreServices, createCoreServices } from './auth/core-services.js';
import { DEFAULT_RATE_LIMITS, type RateLimits, registerSecurityPlugins } from './auth/security-plugins.js';
import { announceSetupCode } from './auth/setup-code.js';
import { type Clock, systemClock } from './clock.js';
import type { RacedeskConfig } from './config/schema.js';
import { checkDatabase, connectDatabase } from './db/connect.js';
import { type MigrationUnit, migrateAll, migrationStatus } from './db/migrator.js';
import { type CoreDomain, createDomain, domainRoutes } from './domain-services.js';
import { EventBus } from './events/bus.js';
import { ClusterFeed } from './events/cluster.js';
import { registerCoreJobs } from './events/core-jobs.js';
import { adminPanel } from './http/admin-panel.js';
import { registerErrorHandling } from './http/error-handler.js';
import { healthRoutes } from './http/health.js';
import { liveSocket } from './http/live-socket.js';
import { Metrics } from './http/metrics.js';
import { registerOpenApi } from './http/openapi.js';
import { guardRoute } from './http/org-guard.js';
import { mountPluginRoutes } from './http/plugin-routes.js';
import { loggerOptions } from './logging/logger-options.js';
import type { PluginDefinition, RacedeskApp } from './plugins/contract.js';
import { sortByDependencies } from './plugins/dependency-order.js';
import { loadInstalledPlugins } from './plugins/installed.js';
import { validateManifest } from './plugins/manifest.js';
import { resolvePluginConfigs } from './plugins/plugin-config.js';
import { type LoadedPlugin, wirePlugins } from './plugins/runtime.js';
import type { InstanceRole, RacedeskRuntime } from './runtime.js';
import { jobRoutes } from './scheduler/job-routes.js';
import { Scheduler } from './scheduler/scheduler.js';

/** What `buildApp` needs; everything but config and database URL has a production default. */
export interface BuildAppOptions {
  config: RacedeskConfig;
  databaseUrl: string;
  /** Plugins to load; default: the installed ones chosen by `RACEDESK_PLUGINS`. */
  plugins?: readonly PluginDefinition[];
  clock?: Clock;
  role?: InstanceRole;
  logger?: FastifyServerOptions['logger'];
  loggerInstance?: FastifyBaseLogger;
  /** Run pending migrations at boot (default true). */
  migrate?: boolean;
  /** How often workers poll for due jobs (default 5 s; jobs scheduled meanwhile are notified at once). */
  jobPollMs?: number;
  /** Requests per minute per caller on sign-in and write routes (default 30 / 120); `false` turns them off. */
  rateLimits?: RateLimits | false;
}

const CORE_MIGRATIONS = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Validates plugins and their config before anything touches the database. */
export async function preparePlugins(config: RacedeskConfig, plugins?: readonly PluginDefinition[]) {
  const list = plugins ?? (await loadInstalledPlugins(config.enabledPlugins));
  for (const plugin of list) validateManifest(plugin);
  const ordered = sortByDependencies(list);
  const configs = resolvePluginConfigs(ordered, config.plugins);
  const units: MigrationUnit[] = [
    { id: 'core', dir: CORE_MIGRATIONS },
    ...ordered.filter((p) => p.migrations).map((p) => ({ id: p.id, dir: p.migrations! })),
  ];
  return { ordered, configs, units };
}

/** Builds the Fastify app from config and plugins: migrated, wired, not yet listening. */
export async function buildApp(options: BuildAppOptions): Promise<RacedeskApp> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const role = options.role ?? 'all';
  const { ordered, configs, units } = await preparePlugins(config, options.plugins);

  const app = Fastify({
    ...(options.loggerInstance
      ? { loggerInstance: options.loggerInstance }
      : { logger: options.logger ?? loggerOptions(config.logLevel) }),
    genReqId: (req) => (req.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID(),
    ajv: { customOptions: { coerceTypes: 'array', allErrors: true, removeAdditional: false } },
    trustProxy: true,
    bodyLimit: 1_048_576,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as RacedeskApp;

  const db = connectDatabase(options.databaseUrl);
  try {
    await checkDatabase(db);
    if (options.migrate ?? true) await migrateAll(db, units);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const metrics = new Metrics(db);
  const bus = new EventBus(db, app.log, clock, metrics);
  const scheduler = new Scheduler({
    databaseUrl: options.databaseUrl,
    logger: app.log,
    clock,
    metrics,
    processJobs: role !== 'api',
    processEveryMs: options.jobPollMs,
  });
  const cluster = new ClusterFeed(options.databaseUrl, db, app.log);
  registerCoreJobs({ scheduler, db, bus, clock });
  let plugins: LoadedPlugin[] = [];
  let core: CoreServices;
  try {
    core = await createCoreServices({ db, clock, bus, config, logger: app.log, plugins: () => plugins });
  } catch (err) {
    await db.destroy();
    throw err;
  }
  const domain: CoreDomain = createDomain({
    ...{ db, clock, bus, scheduler, config, logger: app.log, audit: core.audit },
    ...{ cipher: core.secrets.cipher, secrets: core.secrets.store('core') },
  });
  plugins = await wirePlugins(ordered, configs, {
    db,
    bus,
    scheduler,
    clock,
    role,
    config,
    logger: app.log,
    core,
    domain,
  });

  const runtime: RacedeskRuntime = {
    config,
    role,
    clock,
    db,
    databaseUrl: options.databaseUrl,
    bus,
    cluster,
    scheduler,
    metrics,
    plugins,
    migrationUnits: units,
    migrationStatus: () => migrationStatus(db, units),
    ...core,
    domain,
  };
  app.decorate('racedesk', runtime);

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method: request.method, route, status: reply.statusCode });
    metrics.httpSeconds.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  registerErrorHandling(app);
  // Security first: every route registered after this point goes through the rate limits and the one guard.
  app.decorateRequest('racedesk', null as never);
  await registerSecurityPlugins(app, options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const guardDeps = { ...core, db, plugins: ordered };
  app.addHook('onRoute', (route) => guardRoute(route, guardDeps));
  await registerOpenApi(app);
  await app.register(healthRoutes);
  if (role !== 'worker') {
    await app.register(coreAccessRoutes);
    await app.register(domainRoutes);
    for (const routes of [liveSocket, adminPanel, jobRoutes]) await app.register(routes);
    await mountPluginRoutes(app, plugins);
  }

  app.addHook('onReady', async () => {
    if (role !== 'worker') await announceSetupCode(db, core.secrets.store('core'), app.log, config.publicUrl);
    await scheduler.start();
    await cluster.start();
  });
  app.addHook('onClose', async () => {
    for (const plugin of [...plugins].reverse()) {
      await Promise.resolve(plugin.definition.close?.(plugin.context)).catch((err) =>
        app.log.error({ err, plugin: plugin.definition.id }, 'plugin close failed'),
      );
    }
    await scheduler.stop();
    await Promise.race([bus.idle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    await cluster.close();
    await db.destroy();
  });
  return app;
}
