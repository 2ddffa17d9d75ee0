import type { Knex } from 'knex';
import type { OrgRole } from '../auth/roles.js';
import type { Database } from '../db/connect.js';
import { type OrgRef, toOrg } from './org-repository.js';

/** The org a request names (by slug) and, on plugin routes, the plugin whose enablement matters. */
export interface OrgTarget {
  slug: string;
  pluginId?: string;
}

/** What the guard needs to know about a caller and an org, read fresh on every request. */
export interface OrgAccess {
  org: OrgRef | undefined;
  membership: OrgRole | undefined;
  /** Whether `pluginId` is on for the org (true when no plugin was asked about). */
  pluginEnabled: boolean;
}

const ORG_COLUMNS = ['id', 'slug', 'name', 'description', 'time_zone', 'created_at', 'updated_at'] as const;

/**
 * Joins the target org, the membership of the user in `userColumn` and the plugin's enablement onto
 * a query that yields one row (a credential lookup), so the guard needs one round trip, not four.
 */
export function joinOrgAccess(
  q: Knex.QueryBuilder,
  target: OrgTarget,
  userColumn: string,
): Knex.QueryBuilder {
  q.leftJoin('organizations as acc_o', (j) => j.onVal('acc_o.slug', target.slug))
    .leftJoin('org_members as acc_m', (j) =>
      j.on('acc_m.org_id', 'acc_o.id').andOn('acc_m.user_id', userColumn),
    )
    .select(ORG_COLUMNS.map((c) => `acc_o.${c} as acc_org_${c}`))
    .select('acc_m.role as acc_membership');
  if (target.pluginId) {
    q.leftJoin('plugin_enablement as acc_e', (j) =>
      j.on('acc_e.org_id', 'acc_o.id').andOnVal('acc_e.plugin_id', target.pluginId!),
    ).select('acc_e.enabled as acc_plugin_enabled');
  }
  return q;
}

/** Reads what `joinOrgAccess` selected from a row. */
export function orgAccessFrom(row: Record<string, unknown>, target: OrgTarget): OrgAccess {
  const org =
    row.acc_org_id == null
      ? undefined
      : toOrg(
          Object.fromEntries(ORG_COLUMNS.map((c) => [c, row[`acc_org_${c}`]])) as unknown as Parameters<
            typeof toOrg
          >[0],
        );
  return {
    org,
    membership: (row.acc_membership ?? undefined) as OrgRole | undefined,
    pluginEnabled: target.pluginId ? row.acc_plugin_enabled === true : true,
  };
}

/** The caller's access to an org in one query (for callers whose credential was read separately). */
export async function orgAccessOf(
  db: Database,
  target: OrgTarget,
  userId: number | null,
): Promise<OrgAccess> {
  const q = db
    .from(db.raw('(select ?::bigint as user_id) as acc_caller', [userId]))
    .first('acc_caller.user_id');
  return orgAccessFrom(await joinOrgAccess(q, target, 'acc_caller.user_id'), target);
}
