import type { Actor } from '../actor.js';
import type { OrgRef } from '../orgs/org-repository.js';
import type { OrgRole } from './roles.js';

/** Who is calling: resolved from the session cookie or the bearer token on every `/api/v1` request. */
export interface Caller {
  actor: Actor;
  /** The signed-in user or the token's owner. */
  userId: number | null;
  /** Instance superadmin (a superadmin user's session, or a superadmin token). */
  superadmin: boolean;
  session?: { idHash: string; csrfToken: string };
  token?: { id: number; orgId: number | null; roleCeiling: OrgRole | null; superadmin: boolean };
}

/** What a request handler knows after the guard: the caller and, on org routes, the org and the role in it. */
export interface RequestAccess extends Caller {
  /** Set on `/api/v1/orgs/:org/...` routes. */
  org?: OrgRef;
  /** The caller's effective role in `org` (superadmin: owner). */
  role?: OrgRole;
}

/** Who may call an instance-wide route. */
export type RouteAuth = 'public' | 'user' | 'superadmin';

declare module 'fastify' {
  interface FastifyRequest {
    /** The caller, and on org routes the org and role, as resolved by the guard. */
    racedesk: RequestAccess;
  }
  interface FastifyContextConfig {
    /** Least org role for an org route (default: member for reads, admin for writes). */
    minRole?: OrgRole;
    /** A plugin action from the plugin's `permissions`; its role becomes the route's `minRole`. */
    permission?: string;
    /** Who may call an instance-wide route (default: user). */
    auth?: RouteAuth;
  }
}
