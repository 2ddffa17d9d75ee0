import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import type { Database } from '../db/connect.js';
import { orgRepository } from '../orgs/org-repository.js';
import type { Caller } from './request-context.js';
import { type OrgRole, weakerRole } from './roles.js';

/**
 * The role a caller has in an org: owner for superadmins; otherwise the membership role, capped
 * by the token's ceiling, and none for a token of another org.
 */
export function effectiveRole(
  caller: Pick<Caller, 'superadmin' | 'token'>,
  orgId: number,
  membership: OrgRole | undefined,
): OrgRole | null {
  if (caller.superadmin) return 'owner';
  if (caller.token) {
    if (caller.token.orgId !== orgId || !membership || !caller.token.roleCeiling) return null;
    return weakerRole(membership, caller.token.roleCeiling);
  }
  return membership ?? null;
}

/** The role an actor has in an org, for services checking permissions (system actors act as owners). */
export async function roleOfActor(
  db: Database | Knex.Transaction,
  actor: Actor,
  orgId: number,
): Promise<OrgRole | null> {
  if (actor.kind === 'system') return 'owner';
  if (actor.kind === 'anonymous') return null;
  const user = await db('users').where({ id: actor.userId }).first('is_superadmin');
  if (!user) return null;
  const token = actor.tokenId
    ? await db('api_tokens').where({ id: actor.tokenId }).first('org_id', 'role_ceiling', 'superadmin')
    : undefined;
  const caller: Pick<Caller, 'superadmin' | 'token'> = token
    ? {
        superadmin: token.superadmin,
        token: {
          id: actor.tokenId!,
          orgId: token.org_id,
          roleCeiling: token.role_ceiling,
          superadmin: token.superadmin,
        },
      }
    : { superadmin: user.is_superadmin };
  return effectiveRole(caller, orgId, await orgRepository.roleOf(db, orgId, actor.userId));
}
