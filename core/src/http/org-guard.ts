import type { FastifyRequest, onRequestHookHandler, RouteOptions } from 'fastify';
import { resolveCaller } from '../auth/credentials.js';
import { effectiveRole } from '../auth/org-role.js';
import type { RouteAuth } from '../auth/request-context.js';
import { isOrgRole, type OrgRole, roleAtLeast } from '../auth/roles.js';
import type { SessionStore } from '../auth/sessions.js';
import type { Database } from '../db/connect.js';
import { forbidden, notFound, unauthorized } from '../errors.js';
import type { PluginDefinition } from '../plugins/contract.js';
import type { TokenService } from '../tokens/token-service.js';
import type { UserService } from '../users/user-service.js';
import { ErrorResponse } from './error-shape.js';

/** One API route as the guard sees it; the live route table is `app.racedesk.routes`. */
export interface RouteInfo {
  method: string;
  url: string;
  /** `org`: under `/api/v1/orgs/:org`, guarded by org role; `instance`: other `/api/v1` routes. */
  scope: 'org' | 'instance';
  minRole?: OrgRole;
  auth?: RouteAuth;
  pluginId?: string;
  /** The route's TypeBox schemas (params, querystring, body, response). */
  schema?: RouteOptions['schema'];
}

/** What the guard needs. */
export interface GuardDeps {
  db: Database;
  tokens: TokenService;
  sessions: SessionStore;
  users: UserService;
  plugins: readonly PluginDefinition[];
  routes: RouteInfo[];
}

const ORG_PREFIX = '/api/v1/orgs/:org';
const GUARD = Symbol('racedesk.guard');

function describe(route: RouteOptions, method: string, deps: GuardDeps): RouteInfo {
  const { url } = route;
  const config = route.config ?? {};
  if (url.startsWith('/api/v1/orgs/:') && !(url === ORG_PREFIX || url.startsWith(`${ORG_PREFIX}/`))) {
    throw new Error(`Route ${method} ${url}: organization routes use the parameter name :org`);
  }
  const scope = url.startsWith(ORG_PREFIX) ? 'org' : 'instance';
  const base = scope === 'org' ? `${ORG_PREFIX}/` : '/api/v1/';
  const under = (prefix: string, id: string) => url === prefix + id || url.startsWith(`${prefix}${id}/`);
  const plugin = deps.plugins.find(
    (p) => under(base, p.id) || (scope === 'instance' && under('/api/v1/me/', p.id)),
  );
  const common = { method, url, scope, pluginId: plugin?.id, schema: route.schema } as const;
  if (scope === 'instance') return { ...common, auth: config.auth ?? 'user' };
  let minRole = config.minRole;
  if (config.permission) {
    minRole = plugin?.permissions?.[config.permission];
    if (!minRole)
      throw new Error(`Route ${method} ${url}: permission "${config.permission}" is not declared`);
  }
  minRole ??= method === 'GET' || method === 'HEAD' ? 'member' : 'admin';
  if (!isOrgRole(minRole)) throw new Error(`Route ${method} ${url}: unknown minRole "${String(minRole)}"`);
  return { ...common, minRole };
}

function guardFor(infos: Map<string, RouteInfo>, deps: GuardDeps): onRequestHookHandler {
  return async function guard(request: FastifyRequest) {
    const info = infos.get(request.method) ?? infos.get('GET')!;
    const target =
      info.scope === 'org'
        ? { slug: (request.params as { org?: string }).org ?? '', pluginId: info.pluginId }
        : undefined;
    const { caller, access } = await resolveCaller(request, deps, target);
    request.racedesk = caller;
    const signedIn = caller.actor.kind !== 'anonymous';
    if (info.scope === 'instance') {
      if (info.auth !== 'public' && !signedIn)
        throw unauthorized('RD_AUTH_REQUIRED', 'Sign in or send an API token');
      if (info.auth === 'superadmin' && !caller.superadmin) {
        throw forbidden('RD_SUPERADMIN_ONLY', 'Only an instance superadmin may do this');
      }
      return;
    }
    if (!signedIn || !access) throw unauthorized('RD_AUTH_REQUIRED', 'Sign in or send an API token');
    // The org, the membership and the enablement come fresh with the credential (no cache): a
    // revoked token, a removed member or a plugin turned off is refused on the very next request.
    const { org, membership } = access;
    const role = org ? effectiveRole(caller, org.id, membership) : null;
    // Not a member looks exactly like no such org: names of orgs are not disclosed.
    if (!org || !role) throw notFound('RD_ORG_NOT_FOUND', `No organization "${target!.slug}"`);
    if (!access.pluginEnabled) {
      throw notFound(
        'RD_PLUGIN_DISABLED',
        `The ${info.pluginId} plugin is not enabled for this organization`,
      );
    }
    if (!roleAtLeast(role, info.minRole!)) {
      throw forbidden(
        'RD_ROLE_TOO_LOW',
        `This needs the ${info.minRole} role or higher in this organization`,
      );
    }
    request.racedesk = { ...caller, org, role };
  };
}

// The OpenAPI document shows which routes take credentials and the one error shape of every 4xx.
function documentAccess(route: RouteOptions, isPublic: boolean): void {
  const schema = route.schema as Record<string, unknown>;
  const response = (schema.response ?? {}) as Record<string, unknown>;
  route.schema = {
    ...schema,
    response: { '4xx': ErrorResponse, ...response },
    ...(isPublic ? {} : { security: [{ bearerAuth: [] }, { sessionCookie: [] }] }),
  };
}

/**
 * The one guard. Every route under `/api/v1` gets it, whoever registers the route: it resolves the
 * caller, and on `/api/v1/orgs/:org/...` the org, the caller's role and the plugin's enablement.
 * Routes declare `config.minRole` (or a plugin `permission`) and, outside orgs, `config.auth`.
 */
export function guardRoute(route: RouteOptions, deps: GuardDeps): void {
  if (!route.url.startsWith('/api/v1/') && route.url !== '/api/v1') return;
  const hooks =
    route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
  if (hooks.some((h) => GUARD in h)) return; // HEAD routes copy their GET route's hooks
  const infos = new Map<string, RouteInfo>();
  for (const method of [route.method].flat()) {
    const info = describe(route, method, deps);
    infos.set(method, info);
    if (method !== 'HEAD') deps.routes.push(info);
  }
  route.onRequest = [...hooks, Object.assign(guardFor(infos, deps), { [GUARD]: true })];
  if (route.schema)
    documentAccess(
      route,
      [...infos.values()].every((i) => i.auth === 'public'),
    );
}
