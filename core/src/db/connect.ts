import knexFactory, { type Knex } from 'knex';
import { Model } from 'objection';
import pg from 'pg';

// Return bigint/count columns as numbers (ids stay far below 2^53) and timestamps as Dates.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number.parseFloat(value));

/** The one Knex instance (and pool) of an app; Objection models are bound to it. */
export type Database = Knex;

/** Opens the connection pool and binds Objection to it. */
export function connectDatabase(url: string, pool: { min?: number; max?: number } = {}): Database {
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
    acquireConnectionTimeout: 10_000,
  });
  Model.knex(db);
  return db;
}

/** Fails fast with a clear message when the database cannot be reached. */
export async function checkDatabase(db: Database): Promise<void> {
  await db.raw('select 1');
}
