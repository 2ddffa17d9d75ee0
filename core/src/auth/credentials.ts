import type { FastifyRequest } from 'fastify';
import { anonymousActor, systemActor } from '../actor.js';
import { forbidden, unauthorized } from '../errors.js';
import { TOKEN_PREFIX } from '../tokens/token-format.js';
import type { TokenService } from '../tokens/token-service.js';
import type { UserService } from '../users/user-service.js';
import type { Caller } from './request-context.js';
import { SESSION_COOKIE, type SessionStore } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** An anonymous caller. */
export const anonymousCaller = (): Caller => ({ actor: anonymousActor, userId: null, superadmin: false });

/**
 * Resolves the caller from `Authorization: Bearer rd_...` or the session cookie. A bad token is a
 * 401; a stale cookie is just no session. Cookie-authenticated writes must carry the CSRF token.
 */
export async function resolveCaller(
  request: FastifyRequest,
  deps: { tokens: TokenService; sessions: SessionStore; users: UserService },
): Promise<Caller> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const [scheme, value] = header.split(' ', 2);
    if (scheme?.toLowerCase() !== 'bearer' || !value?.startsWith(TOKEN_PREFIX)) {
      throw unauthorized('RD_AUTH_INVALID', 'Authorization must be "Bearer rd_..."');
    }
    const token = await deps.tokens.verify(value);
    const owner = token?.userId != null ? await deps.users.byId(token.userId) : undefined;
    if (!token || (token.userId != null && !owner)) {
      throw unauthorized('RD_AUTH_INVALID_TOKEN', 'The API token is unknown, revoked or expired');
    }
    return {
      actor: owner ? { kind: 'user', userId: owner.id, tokenId: token.id } : systemActor(`token:${token.id}`),
      userId: owner?.id ?? null,
      superadmin: token.superadmin,
      token: { id: token.id, orgId: token.orgId, roleCeiling: token.role, superadmin: token.superadmin },
    };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  const session = cookie ? await deps.sessions.resolve(cookie) : undefined;
  const user = session ? await deps.users.byId(session.userId) : undefined;
  if (!session || !user) return anonymousCaller();
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    throw forbidden(
      'RD_AUTH_CSRF',
      'Cookie-authenticated writes need the x-csrf-token header from GET /api/v1/me',
    );
  }
  return {
    actor: { kind: 'user', userId: user.id },
    userId: user.id,
    superadmin: user.isSuperadmin,
    session: { idHash: session.idHash, csrfToken: session.csrfToken },
  };
}
