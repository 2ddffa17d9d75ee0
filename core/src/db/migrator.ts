import { readdir } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import type { Database } from './connect.js';

/** One unit with its own migrations folder and history table: the core or a plugin. */
export interface MigrationUnit {
  id: string;
  dir: string;
}

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

const MIGRATION_FILE = /^\d[\w-]*\.(ts|js|mjs)$/;

/**
 * Reads migrations from a folder and names them without their extension, so the history is the
 * same whether the files run as `.ts` sources or compiled `.js` (Knex would record both otherwise).
 */
class FolderMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly dir: string) {}

  async getMigrations(): Promise<string[]> {
    const files = await readdir(this.dir).catch(() => [] as string[]);
    return files.filter((f) => MIGRATION_FILE.test(f) && !f.endsWith('.d.ts')).sort();
  }

  getMigrationName(file: string): string {
    return basename(file, extname(file));
  }

  async getMigration(file: string): Promise<MigrationModule> {
    const mod = (await import(pathToFileURL(join(this.dir, file)).href)) as MigrationModule;
    return { up: mod.up, down: mod.down ?? (async () => {}) };
  }
}

/** The history table of a unit: `knex_migrations_core`, `knex_migrations_discord_notify`, ... */
export const historyTable = (unitId: string) => `knex_migrations_${unitId.replaceAll('-', '_')}`;

const configFor = (unit: MigrationUnit): Knex.MigratorConfig => ({
  migrationSource: new FolderMigrationSource(unit.dir),
  tableName: historyTable(unit.id),
});

/** Runs every pending migration of each unit, in the given order. */
export async function migrateAll(db: Database, units: MigrationUnit[]): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const unit of units) {
    const [, names] = (await db.migrate.latest(configFor(unit))) as [number, string[]];
    applied[unit.id] = names;
  }
  return applied;
}

/** Applied and pending migrations of one unit. */
export interface MigrationStatus {
  unit: string;
  applied: string[];
  pending: string[];
}

/** What `racedesk migrate --status` and `/readyz` report. */
export async function migrationStatus(db: Database, units: MigrationUnit[]): Promise<MigrationStatus[]> {
  const result: MigrationStatus[] = [];
  for (const unit of units) {
    const source = new FolderMigrationSource(unit.dir);
    const [done, todo] = (await db.migrate.list(configFor(unit))) as [Array<{ name: string }>, string[]];
    result.push({
      unit: unit.id,
      applied: done.map((m) => m.name),
      pending: todo.map((file) => source.getMigrationName(file)),
    });
  }
  return result;
}
