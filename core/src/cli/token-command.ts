import { systemActor } from '../actor.js';
import { preparePlugins } from '../app.js';
import { createAuditLog } from '../audit/audit-log.js';
import { systemClock } from '../clock.js';
import { migrateAll } from '../db/migrator.js';
import { createTokenService } from '../tokens/token-service.js';
import { withDatabase } from './open-database.js';

/**
 * `racedesk token create --superadmin --name N`: an instance-wide token for scripts that set an
 * instance up (create orgs, add owners). The token is printed alone on the last stdout line.
 */
export function tokenCreateCommand(options: { name: string }): Promise<number> {
  return withDatabase(async (db, config) => {
    const { units } = await preparePlugins(config);
    await migrateAll(db, units);
    const tokens = createTokenService(db, systemClock, createAuditLog(db, systemClock));
    const { token, info } = await tokens.create(
      { name: options.name, userId: null, orgId: null, role: null, superadmin: true },
      systemActor('cli'),
    );
    console.log(`Created superadmin token #${info.id} "${info.name}". It is shown only once:`);
    console.log(token);
    return 0;
  });
}
