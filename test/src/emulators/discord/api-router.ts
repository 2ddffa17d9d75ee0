import type { DiscordState } from './emulator-state.js';
import type { FaultEffect } from './faults.js';
import {
  apiError,
  type Caller,
  type Exchange,
  json,
  type Reply,
  type Route,
  unauthorized,
} from './http-exchange.js';
import { OAUTH_ROUTES } from './oauth.js';
import { RateLimiter } from './rate-limits.js';
import { CHANNEL_ROUTES } from './rest-channels.js';
import { GATEWAY_ROUTES } from './rest-gateway.js';
import { GUILD_ROUTES } from './rest-guilds.js';
import { SCHEDULED_EVENT_ROUTES } from './rest-scheduled-events.js';
import { USER_ROUTES } from './rest-users.js';

interface CompiledRoute {
  route: Route<DiscordState>;
  pattern: RegExp;
  names: string[];
}

const ROUTES: CompiledRoute[] = [
  ...GATEWAY_ROUTES,
  ...OAUTH_ROUTES,
  ...USER_ROUTES,
  ...CHANNEL_ROUTES,
  ...GUILD_ROUTES,
  ...SCHEDULED_EVENT_ROUTES,
].map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/:(\w+)/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
});

const RATE_LIMITED = 'You are being rate limited.';

/** The request before routing: the path is relative to the API root. */
export type ApiRequest = Omit<Exchange, 'params' | 'caller'>;

function resolveCaller(state: DiscordState, header: string | undefined): Caller | null {
  if (!header) return { kind: 'none' };
  const [scheme, token = ''] = header.split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bot') {
    const app = state.store.applicationByBotToken(token);
    return app?.bot ? { kind: 'bot', app, user: app.bot.user } : null;
  }
  if (scheme?.toLowerCase() === 'bearer') {
    const grant = state.tokens.valid(token);
    const user = grant ? state.store.users.get(grant.userId) : undefined;
    return grant && user ? { kind: 'bearer', grant, user } : null;
  }
  return scheme?.toLowerCase() === 'basic' ? { kind: 'none' } : null;
}

function allowed(route: Route<DiscordState>, caller: Caller): boolean {
  if (route.auth === 'none') return true;
  if (caller.kind === 'none') return false;
  if (route.auth !== 'any' && route.auth !== caller.kind) return false;
  return caller.kind !== 'bearer' || !route.scope || caller.grant.scopes.includes(route.scope);
}

/** A 429 with Discord's headers and body. */
export function tooManyRequests(
  state: DiscordState,
  retryAfter: number,
  global: boolean,
  headers: Record<string, string>,
): Reply {
  const retry = Number(retryAfter.toFixed(3));
  return json(
    429,
    { message: RATE_LIMITED, retry_after: retry, global },
    { ...headers, 'Retry-After': state.limits.retryAfterHeader(retry) },
  );
}

/** The reply an injected fault produces (a hang is handled by the server). */
export function faultReply(
  state: DiscordState,
  effect: Exclude<FaultEffect, { kind: 'hang' } | { kind: 'lose-answer' }>,
  path: string,
): Reply {
  if (effect.kind === 'error') return apiError(effect.code);
  if (effect.kind === 'status') {
    const text =
      effect.status === 502
        ? 'Bad Gateway'
        : effect.status === 503
          ? 'Service Unavailable'
          : 'Internal Server Error';
    return json(effect.status, { message: `${effect.status}: ${text}`, code: 0 });
  }
  const now = state.clock.now().getTime();
  const seconds = effect.retryAfterMs / 1000;
  const headers: Record<string, string> = effect.global
    ? { 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' }
    : {
        'X-RateLimit-Limit': '1',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': ((now + effect.retryAfterMs) / 1000).toFixed(3),
        'X-RateLimit-Reset-After': seconds.toFixed(3),
        'X-RateLimit-Bucket': RateLimiter.bucketHash(path),
        'X-RateLimit-Scope': effect.scope,
      };
  return tooManyRequests(state, seconds, effect.global, headers);
}

/**
 * Decodes each path segment, as Discord does: discord.js percent-encodes route arguments that are not
 * URL-safe, so `Routes.user('@me')` arrives as `/users/%40me`. Segments that cannot be decoded stay as sent.
 */
function decodeSegments(path: string): string {
  return path
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/** Routes, authenticates and rate-limits one API request, then runs its handler. */
export function handleApi(state: DiscordState, request: ApiRequest): Reply {
  const path = decodeSegments(request.path);
  const candidates = ROUTES.filter((r) => r.pattern.test(path));
  const found = candidates.find((r) => r.route.method === request.method);
  if (!found) {
    return candidates.length > 0
      ? json(405, { message: '405: Method Not Allowed', code: 0 })
      : json(404, { message: '404: Not Found', code: 0 });
  }
  const values = found.pattern.exec(path)?.slice(1) ?? [];
  const params = Object.fromEntries(found.names.map((name, i) => [name, values[i] ?? '']));
  const caller = resolveCaller(state, request.headers.authorization);
  if (!caller || !allowed(found.route, caller)) return unauthorized();
  const routeKey = `${found.route.method} ${found.route.path}`;
  const verdict = state.limits.hit(routeKey, params, request.headers.authorization ?? 'anonymous');
  if (verdict.limited) {
    return tooManyRequests(state, verdict.limited.retryAfter, verdict.limited.global, verdict.headers);
  }
  const reply = found.route.handle(state, { ...request, params, caller });
  return { ...reply, headers: { ...verdict.headers, ...reply.headers } };
}
