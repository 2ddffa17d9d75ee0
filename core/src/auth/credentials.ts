import type { FastifyRequest } from 'fastify';
import { anonymousActor, systemActor } from '../actor.js';
import type { Database } from '../db/connect.js';
import { forbidden, unauthorized } from '../errors.js';
import { type OrgAccess, type OrgTarget, orgAccessOf } from '../orgs/org-access.js';
import { TOKEN_PREFIX } from '../tokens/token-format.js';
import type { TokenService } from '../tokens/token-service.js';
import type { UserService } from '../users/user-service.js';
import type { Caller } from './request-context.js';
import { SESSION_COOKIE, type SessionStore } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An anonymous caller. */
export const anonymousCaller = (): Caller => ({ actor: anonymousActor, userId: null, superadmin: false });

/**
 * Resolves the caller from `Authorization: Bearer rd_...` or the session cookie and, given an org,
 * the caller's access to it (read with the token in one query). A bad token is a 401; a stale cookie
 * is just no session. Cookie-authenticated writes must carry the CSRF token.
 */
export async function resolveCaller(
  request: FastifyRequest,
  deps: { db: Database; tokens: TokenService; sessions: SessionStore; users: UserService },
  target?: OrgTarget,
): Promise<{ caller: Caller; access?: OrgAccess }> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, value] = header.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !value?.startsWith(TOKEN_PREFIX)) {
      throw unauthorized('RD_AUTH_INVALID', 'Authorization must be "Bearer rd_..."');
    }
    const found = await deps.tokens.authenticate(value, target);
    if (!found || (found.token.userId != null && found.ownerId == null)) {
      throw unauthorized('RD_AUTH_INVALID_TOKEN', 'The API token is unknown, revoked or expired');
    }
    const { token, ownerId } = found;
    const caller: Caller = {
      actor:
        ownerId != null
          ? { kind: 'user', userId: ownerId, tokenId: token.id }
          : systemActor(`token:${token.id}`),
      userId: ownerId,
      superadmin: token.superadmin,
      token: { id: token.id, orgId: token.orgId, roleCeiling: token.role, superadmin: token.superadmin },
    };
    return { caller, access: found.access };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  const session = cookie ? await deps.sessions.resolve(cookie) : undefined;
  const user = session ? await deps.users.byId(session.userId) : undefined;
  if (!session || !user) return { caller: anonymousCaller() };
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    throw forbidden(
      'RD_AUTH_CSRF',
      'Cookie-authenticated writes need the x-csrf-token header from GET /api/v1/me',
    );
  }
  const caller: Caller = {
    actor: { kind: 'user', userId: user.id },
    userId: user.id,
    superadmin: user.isSuperadmin,
    session: { idHash: session.idHash, csrfToken: session.csrfToken },
  };
  return { caller, access: target ? await orgAccessOf(deps.db, target, user.id) : undefined };
}
