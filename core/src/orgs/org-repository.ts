import type { Knex } from 'knex';
import type { OrgRole } from '../auth/roles.js';
import type { Database } from '../db/connect.js';

/** An organization as services and handlers see it. */
export interface OrgRef {
  id: number;
  slug: string;
  name: string;
  description: string;
  timezone: string;
  createdAt: Date;
  updatedAt: Date;
}

interface OrgRow {
  id: number;
  slug: string;
  name: string;
  description: string;
  time_zone: string;
  created_at: Date;
  updated_at: Date;
}

/** Maps a database row to an `OrgRef`. */
export const toOrg = (row: OrgRow): OrgRef => ({
  id: row.id,
  slug: row.slug,
  name: row.name,
  description: row.description,
  timezone: row.time_zone,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

type Executor = Database | Knex.Transaction;

/** Reads organizations and memberships; every function takes the executor so callers can pass a transaction. */
export const orgRepository = {
  async bySlug(db: Executor, slug: string): Promise<OrgRef | undefined> {
    const row = await db<OrgRow>('organizations').where({ slug }).first();
    return row ? toOrg(row) : undefined;
  },
  async roleOf(db: Executor, orgId: number, userId: number): Promise<OrgRole | undefined> {
    const row = await db('org_members').where({ org_id: orgId, user_id: userId }).first('role');
    return row?.role as OrgRole | undefined;
  },
};
