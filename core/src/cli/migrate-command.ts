import { preparePlugins } from '../app.js';
import { migrateAll, migrationStatus } from '../db/migrator.js';
import { withDatabase } from './open-database.js';

/** `racedesk migrate [--status]`: core first, then each plugin in dependency order. */
export function migrateCommand(statusOnly: boolean): Promise<number> {
  return withDatabase(async (db, config) => {
    const { units } = await preparePlugins(config);
    if (!statusOnly) {
      const applied = await migrateAll(db, units);
      for (const [unit, names] of Object.entries(applied)) {
        console.log(`${unit}: ${names.length ? `applied ${names.join(', ')}` : 'up to date'}`);
      }
      return 0;
    }
    let pendingTotal = 0;
    for (const status of await migrationStatus(db, units)) {
      pendingTotal += status.pending.length;
      console.log(`${status.unit}: ${status.applied.length} applied, ${status.pending.length} pending`);
      for (const name of status.applied) console.log(`  [x] ${name}`);
      for (const name of status.pending) console.log(`  [ ] ${name}`);
    }
    return pendingTotal > 0 ? 3 : 0;
  });
}
