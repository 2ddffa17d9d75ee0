import { createHash } from 'node:crypto';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { RacedeskError } from '../errors.js';
import { registerSecurityHeaders } from '../http/security-headers.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { SESSION_COOKIE } from './sessions.js';

/** Requests per minute per caller: sign-in routes and writes (`false` turns limits off). */
export interface RateLimits {
  auth: number;
  write: number;
}

/** Production limits: generous for people and scripts, tight enough to stop guessing and floods. */
export const DEFAULT_RATE_LIMITS: RateLimits = { auth: 30, write: 120 };

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

// Limits count per credential when there is one (many users can share one NAT address), else per address.
function callerKey(request: FastifyRequest): string {
  const credential = request.headers.authorization ?? request.cookies?.[SESSION_COOKIE];
  return credential ? createHash('sha256').update(credential).digest('hex').slice(0, 32) : `ip:${request.ip}`;
}

function defaultLimit(route: RouteOptions, limits: RateLimits): void {
  if (!route.url.startsWith('/api/v1/') || route.config?.rateLimit !== undefined) return;
  const methods = [route.method].flat();
  const max = route.url.startsWith('/api/v1/auth/')
    ? limits.auth
    : methods.some((m) => !READS.has(m))
      ? limits.write
      : 0;
  if (max > 0) route.config = { ...route.config, rateLimit: { max, timeWindow: 60_000 } };
}

/**
 * Cookies, rate limits (429 with Retry-After, in the one error shape) and security headers. The
 * default Content-Security-Policy only allows same-origin scripts, which the /api/docs UI needs and has.
 */
export async function registerSecurityPlugins(app: RacedeskApp, limits: RateLimits | false): Promise<void> {
  await app.register(cookie);
  if (limits) {
    app.addHook('onRoute', (route) => defaultLimit(route, limits));
    await app.register(rateLimit, {
      global: false,
      keyGenerator: callerKey,
      errorResponseBuilder: (_request, context) =>
        new RacedeskError('RD_RATE_LIMITED', `Too many requests; retry in ${context.after}`, 429, {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
        }),
    });
  }
  registerSecurityHeaders(app);
}
