import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { roleOfActor } from '../auth/org-role.js';
import { type OrgRole, roleAtLeast } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { forbidden, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';

/** What the tournament-domain services share. */
export interface DomainDeps {
  db: Database;
  clock: Clock;
  bus: EventBus;
  audit: AuditLog;
}

/** Runs `fn` in the caller's transaction, or in a new one. */
export const inTransaction = <T>(
  db: Database,
  trx: Knex.Transaction | undefined,
  fn: (t: Knex.Transaction) => Promise<T>,
): Promise<T> => (trx ? fn(trx) : db.transaction(fn));

/**
 * The one permission check of the domain services: 404 for non-members (as the guard answers),
 * 403 below `least`. System actors (plugins, jobs) act as owners. Pass the change's transaction so the
 * role is read where the change is written.
 */
export async function requireRole(
  db: Database | Knex.Transaction,
  actor: Actor,
  orgId: number,
  least: OrgRole,
): Promise<OrgRole> {
  const role = await roleOfActor(db, actor, orgId);
  if (!role) throw notFound('RD_ORG_NOT_FOUND', 'No such organization');
  if (!roleAtLeast(role, least)) throw forbidden('RD_ROLE_TOO_LOW', `This needs the ${least} role or higher`);
  return role;
}
