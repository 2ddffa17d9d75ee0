import type { IncomingHttpHeaders } from 'node:http';
import { DISCORD_ERRORS, type DiscordErrorCode, type FormErrors } from './discord-errors.js';
import type { EmulatedApplication, EmulatedUser } from './model.js';
import type { OAuthGrant } from './oauth-tokens.js';

/** Who made a REST request: a bot (`Bot <token>`) or a user through OAuth2 (`Bearer <token>`). */
export type Caller =
  | { kind: 'bot'; app: EmulatedApplication; user: EmulatedUser }
  | { kind: 'bearer'; grant: OAuthGrant; user: EmulatedUser }
  | { kind: 'none' };

/** One parsed request as route handlers see it. */
export interface Exchange {
  method: string;
  /** Path relative to the API root, e.g. `/channels/123/messages`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body (`undefined` when not JSON). */
  json: unknown;
  /** Form fields of `application/x-www-form-urlencoded` bodies. */
  form: URLSearchParams;
  params: Record<string, string>;
  caller: Caller;
}

/** What a handler answers; the server adds rate-limit headers and records it. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Which credentials a route accepts. */
export type RouteAuth = 'bot' | 'bearer' | 'any' | 'none';

/** A REST route: `path` uses `:name` parameters, like `/channels/:channel_id/messages`. */
export interface Route<S> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  auth: RouteAuth;
  /** OAuth2 scope a Bearer token needs on this route. */
  scope?: string;
  handle(state: S, exchange: Exchange): Reply;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): Reply => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

export const noContent = (): Reply => ({ status: 204 });

/** Discord's JSON error: `{ "message": "Unknown Channel", "code": 10003 }` with the matching status. */
export function apiError(code: DiscordErrorCode): Reply {
  const { status, message } = DISCORD_ERRORS[code];
  return json(status, { message, code });
}

/** `401: Unauthorized` exactly as Discord sends it for a missing or bad token. */
export const unauthorized = (): Reply => json(401, { message: '401: Unauthorized', code: 0 });

/** 400 Invalid Form Body with the nested field errors. */
export const invalidForm = (errors: FormErrors): Reply =>
  json(400, { message: 'Invalid Form Body', code: 50035, errors: errors.errors });

/** The JSON body as an object (empty when absent or not an object). */
export function bodyObject(exchange: Exchange): Record<string, unknown> {
  const value = exchange.json;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The caller's user, or null for unauthenticated requests. */
export const callerUser = (exchange: Exchange): EmulatedUser | null =>
  exchange.caller.kind === 'none' ? null : exchange.caller.user;
