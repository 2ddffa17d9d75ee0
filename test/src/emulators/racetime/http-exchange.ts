import type { IncomingMessage } from 'node:http';
import type { EmulatorState } from './emulator-state.js';
import type { AccessToken } from './token-store.js';
import { pythonIsoDate } from './value-formats.js';

/** One parsed HTTP request as route handlers see it. */
export interface HttpExchange {
  req: IncomingMessage;
  method: string;
  path: string;
  query: URLSearchParams;
  /** Raw body text. */
  body: string;
  /** Form fields: only for `application/x-www-form-urlencoded` bodies, like Django/DOT. */
  form: URLSearchParams;
  /** Capture groups of the route pattern. */
  params: string[];
}

/** What a route answers; the server adds CORS headers and records it. */
export interface HttpReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A route: method, path pattern and handler. */
export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle(state: EmulatorState, exchange: HttpExchange): HttpReply;
}

export const json = (status: number, value: unknown, headers: Record<string, string> = {}): HttpReply => ({
  status,
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(value),
});

/** A public read endpoint's JSON with `X-Date-Exact` (reference §1.3). */
export const publicJson = (state: EmulatorState, value: unknown): HttpReply =>
  json(200, value, { 'X-Date-Exact': pythonIsoDate(state.clock.now()) });

export const empty = (status: number, headers: Record<string, string> = {}): HttpReply => ({
  status,
  headers,
});

/** Auth failures on protected resources: 403 with an empty body, never 401 (reference §1.4). */
export const forbidden = (): HttpReply => empty(403);

export const notFound = (): HttpReply => ({
  status: 404,
  headers: { 'Content-Type': 'text/html' },
  body: '<h1>Not Found</h1>',
});

export function bearerToken(exchange: HttpExchange): string | null {
  const header = exchange.req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** The valid access token of the request, if any. */
export const accessToken = (state: EmulatorState, exchange: HttpExchange): AccessToken | null =>
  state.tokens.valid(bearerToken(exchange));
