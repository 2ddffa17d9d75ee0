/** Shapes of the public REST API (see /api/docs/json); times are ISO 8601 UTC strings. */

export const ORG_ROLES = ['owner', 'admin', 'moderator', 'reviewer', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

const RANK: Record<OrgRole, number> = { owner: 5, admin: 4, moderator: 3, reviewer: 2, member: 1 };
/** Whether `role` is at least `least` (owner > admin > moderator > reviewer > member). */
export const roleAtLeast = (role: OrgRole | null | undefined, least: OrgRole) =>
  role != null && RANK[role] >= RANK[least];

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface User {
  id: number;
  discordId: string | null;
  discordUsername: string | null;
  displayName: string;
  avatar: string | null;
  timezone: string;
  isPlaceholder: boolean;
  isSuperadmin: boolean;
}

export interface OrgSummary {
  id: number;
  slug: string;
  name: string;
}

export interface Me {
  user: User | null;
  superadmin: boolean;
  csrfToken: string | null;
  memberships: { org: OrgSummary; role: OrgRole }[];
  token: { id: number; orgId: number | null; role: OrgRole | null } | null;
}

export interface Org extends OrgSummary {
  description: string;
  timezone: string;
  createdAt: string;
  updatedAt: string;
}

export interface Member {
  userId: number;
  role: OrgRole;
  discordId: string | null;
  displayName: string;
  joinedAt: string;
}

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  userId: number | null;
  role: OrgRole | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface CreatedToken extends ApiToken {
  token: string;
}

export interface InstalledPlugin {
  id: string;
  version: string;
  description: string | null;
  dependsOn: string[];
  permissions: Record<string, string>;
  settingsSchema: unknown;
}

export interface OrgPlugin {
  id: string;
  version: string;
  description: string | null;
  enabled: boolean;
  settings: Record<string, unknown>;
  permissions: Record<string, string>;
}

export interface AuditEntry {
  id: number;
  orgId: number | null;
  actor: { kind: string; userId?: number; tokenId?: number; component?: string } | null;
  /** The acting user's display name (null for system and anonymous actors). */
  actorName: string | null;
  action: string;
  target: { type: string; id: string } | null;
  details: unknown;
  createdAt: string;
}

/** One frame of `/api/v1/orgs/:org/live`. */
export type LiveFrame =
  | { type: 'hello'; org: string }
  | {
      type: 'event';
      event: { id: number; name: string; orgId: number | null; payload: unknown; occurredAt: string };
    };
