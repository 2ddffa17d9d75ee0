import pino from 'pino';
import { buildApp } from './app.js';
import { loadConfig } from './config/load.js';
import { resolveDatabase } from './db/resolve.js';
import { loggerOptions } from './logging/logger-options.js';
import type { InstanceRole } from './runtime.js';

const SHUTDOWN_DEADLINE_MS = 15_000;

/** Process entry of `racedesk serve`: database, app, listen, graceful shutdown. */
export async function serve(role: InstanceRole = 'all'): Promise<void> {
  const config = loadConfig();
  const logger = pino(loggerOptions(config.logLevel) as pino.LoggerOptions);
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));
  const database = await resolveDatabase(config, (line) => logger.info(line));
  let app: Awaited<ReturnType<typeof buildApp>>;
  try {
    app = await buildApp({ config, databaseUrl: database.url, role, loggerInstance: logger });
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    logger.fatal({ err }, 'Racedesk could not start');
    await database.release();
    process.exit(1);
  }
  const plugins = app.racedesk.plugins.map((p) => p.definition.id).join(', ') || 'none';
  logger.info(`Racedesk (${role}) is running at http://localhost:${config.port}/ — plugins: ${plugins}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received, shutting down`);
    const force = setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    await app.close().catch((err) => logger.error({ err }, 'error while closing'));
    await database.release().catch((err) => logger.error({ err }, 'error while stopping PostgreSQL'));
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
