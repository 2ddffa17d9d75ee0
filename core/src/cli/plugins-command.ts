import { preparePlugins } from '../app.js';
import { migrationStatus } from '../db/migrator.js';
import { withDatabase } from './open-database.js';

/** `racedesk plugins`: what is installed and loaded, in dependency order, with migration state. */
export function pluginsCommand(): Promise<number> {
  return withDatabase(async (db, config) => {
    const { ordered, units } = await preparePlugins(config);
    const statuses = new Map((await migrationStatus(db, units)).map((s) => [s.unit, s]));
    if (ordered.length === 0) console.log('No plugins loaded.');
    ordered.forEach((plugin, index) => {
      const status = statuses.get(plugin.id);
      const migrations = status
        ? `${status.applied.length} migrations applied, ${status.pending.length} pending`
        : 'no migrations';
      const deps = plugin.dependsOn?.length ? `depends on ${plugin.dependsOn.join(', ')}` : 'no dependencies';
      console.log(`${index + 1}. ${plugin.id}@${plugin.version} (${deps}; ${migrations})`);
      if (plugin.description) console.log(`   ${plugin.description}`);
    });
    return 0;
  });
}
