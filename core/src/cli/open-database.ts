import { loadConfig } from '../config/load.js';
import type { RacedeskConfig } from '../config/schema.js';
import { connectDatabase, type Database } from '../db/connect.js';
import { resolveDatabase } from '../db/resolve.js';

/** Runs a CLI task against the configured database (embedded or `DATABASE_URL`), then lets go of it. */
export async function withDatabase<T>(
  task: (db: Database, config: RacedeskConfig, url: string) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const resolved = await resolveDatabase(config, (line) => console.error(line));
  const db = connectDatabase(resolved.url, { min: 0, max: 2 });
  try {
    return await task(db, config, resolved.url);
  } finally {
    await db.destroy();
    await resolved.release();
  }
}
