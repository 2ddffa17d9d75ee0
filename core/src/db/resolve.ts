import { join, resolve } from 'node:path';
import pg from 'pg';
import type { RacedeskConfig } from '../config/schema.js';
import { startEmbeddedPostgres } from './embedded.js';

/** The database an instance or CLI command uses, and how to let go of it. */
export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  release(): Promise<void>;
}

const EMBEDDED_URL = (port: number) => `postgres://postgres:racedesk@127.0.0.1:${port}/racedesk`;

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * `DATABASE_URL` when set; otherwise the embedded PostgreSQL under `<dataDir>/postgres`, started
 * here unless another Racedesk process (a running server) already started it.
 */
export async function resolveDatabase(
  config: RacedeskConfig,
  log: (line: string) => void,
): Promise<ResolvedDatabase> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, release: async () => {} };
  const url = EMBEDDED_URL(config.embeddedPostgresPort);
  if (await answers(url)) return { url, embedded: true, release: async () => {} };
  const dir = join(resolve(config.dataDir), 'postgres');
  log(`starting embedded PostgreSQL in ${dir} on port ${config.embeddedPostgresPort}`);
  const started = await startEmbeddedPostgres({ dir, port: config.embeddedPostgresPort, log });
  return { url: started.url, embedded: true, release: () => started.stop() };
}
