import { Type } from 'typebox';

/** Organization roles, strongest first. Superadmins count as owners everywhere. */
export const ORG_ROLES = ['owner', 'admin', 'moderator', 'reviewer', 'member'] as const;
/** A role in an organization. */
export type OrgRole = (typeof ORG_ROLES)[number];

/** TypeBox schema of an organization role. */
export const OrgRoleSchema = Type.Union(
  [
    Type.Literal('owner'),
    Type.Literal('admin'),
    Type.Literal('moderator'),
    Type.Literal('reviewer'),
    Type.Literal('member'),
  ],
  { description: 'owner > admin > moderator > reviewer > member' },
);

const RANK: Record<OrgRole, number> = { owner: 5, admin: 4, moderator: 3, reviewer: 2, member: 1 };

/** Whether `role` is at least as strong as `least`. */
export function roleAtLeast(role: OrgRole | null | undefined, least: OrgRole): boolean {
  return role != null && RANK[role] >= RANK[least];
}

/** The weaker of two roles (a token's ceiling against its owner's role). */
export function weakerRole(a: OrgRole, b: OrgRole): OrgRole {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Whether a string is a role name. */
export function isOrgRole(value: unknown): value is OrgRole {
  return typeof value === 'string' && (ORG_ROLES as readonly string[]).includes(value);
}
