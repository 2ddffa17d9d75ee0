import type { Knex } from 'knex';
import type { OrgRole } from '../auth/roles.js';
import { weakerRole } from '../auth/roles.js';

/** The two users of a merge. */
export interface UserMerge {
  fromUserId: number;
  intoUserId: number;
}

/** Moves rows keyed by user id from the placeholder to the real user, inside the merge's transaction. */
export type UserMergeHandler = (merge: UserMerge, trx: Knex.Transaction) => Promise<void> | void;

const stronger = (a: OrgRole, b: OrgRole): OrgRole => (weakerRole(a, b) === a ? b : a);

/** Moves the core's own rows: memberships (keeping the stronger role) and tokens. */
export async function moveCoreRows(
  { fromUserId, intoUserId }: UserMerge,
  trx: Knex.Transaction,
): Promise<void> {
  const memberships = await trx('org_members').where({ user_id: fromUserId }).select('org_id', 'role');
  for (const { org_id: orgId, role } of memberships) {
    const existing = await trx('org_members').where({ org_id: orgId, user_id: intoUserId }).first('role');
    if (existing) {
      await trx('org_members')
        .where({ org_id: orgId, user_id: intoUserId })
        .update({ role: stronger(role, existing.role) });
      await trx('org_members').where({ org_id: orgId, user_id: fromUserId }).del();
    } else {
      await trx('org_members').where({ org_id: orgId, user_id: fromUserId }).update({ user_id: intoUserId });
    }
  }
  await trx('api_tokens').where({ user_id: fromUserId }).update({ user_id: intoUserId });
}
