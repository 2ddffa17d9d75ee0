import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '@racedesk/core';
import pg from 'pg';
import { freePort } from './free-port.js';

/** A throwaway database for one test file. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

const serverUrl = () => process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

async function createOnServer(url: string): Promise<TestDatabase> {
  const name = `rd_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return {
    url: target.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`drop database if exists "${name}" with (force)`);
      await client.end();
    },
  };
}

let embedded: Promise<string> | undefined;

/**
 * One embedded PostgreSQL per test process, in a temporary folder, stopped (and deleted) when the
 * process exits.
 */
function embeddedServer(): Promise<string> {
  embedded ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'racedesk-pg-'));
    const server = await startEmbeddedPostgres({
      dir,
      port: await freePort(),
      persistent: false,
      database: 'postgres',
    });
    server.unref();
    process.on('exit', () => server.stopSync());
    return server.url;
  })();
  return embedded;
}

/**
 * A fresh database: created on the server of `TEST_DATABASE_URL` / `DATABASE_URL` when set (CI),
 * otherwise on an embedded PostgreSQL started once per test process.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  return createOnServer(serverUrl() ?? (await embeddedServer()));
}
