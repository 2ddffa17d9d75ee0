import type { OAuthApp } from './accounts.js';
import { activeRoomOf, type EmulatorState } from './emulator-state.js';
import {
  accessToken,
  empty,
  forbidden,
  type HttpExchange,
  type HttpReply,
  json,
  publicJson,
  type Route,
} from './http-exchange.js';
import { userJson } from './race-json.js';
import { ACCESS_TOKEN_SECONDS, type AccessToken, ALL_SCOPES } from './token-store.js';

/** Token responses are never cached (oauthlib). */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };
const oauthError = (status: number, error: string, description?: string): HttpReply =>
  json(status, description ? { error, error_description: description } : { error }, NO_STORE);

/** Client authentication: HTTP Basic first, then body parameters (DOT). */
function authenticateClient(state: EmulatorState, exchange: HttpExchange): OAuthApp | null {
  let id = exchange.form.get('client_id');
  let secret = exchange.form.get('client_secret');
  const basic = /^Basic\s+(\S+)$/i.exec(exchange.req.headers.authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString();
    const colon = decoded.indexOf(':');
    id = decodeURIComponent(decoded.slice(0, colon));
    secret = decodeURIComponent(decoded.slice(colon + 1));
  }
  const app = id ? state.accounts.apps.get(id) : undefined;
  if (!app || app.clientSecret !== secret || (app.kind === 'bot' && !app.active)) return null;
  return app;
}

const tokenResponse = (token: AccessToken): HttpReply =>
  json(
    200,
    {
      access_token: token.token,
      expires_in: ACCESS_TOKEN_SECONDS,
      token_type: 'Bearer',
      scope: token.scopes.join(' '),
      ...(token.refreshToken ? { refresh_token: token.refreshToken } : {}),
    },
    NO_STORE,
  );

function token(state: EmulatorState, exchange: HttpExchange): HttpReply {
  const form = exchange.form;
  // oauthlib's default handler (authorization code) also serves requests without a grant type.
  const grant = form.get('grant_type') ?? 'authorization_code';
  if (!['client_credentials', 'authorization_code', 'refresh_token'].includes(grant))
    return oauthError(400, 'unsupported_grant_type');
  const app = authenticateClient(state, exchange);
  if (!app) return oauthError(401, 'invalid_client');
  if (grant === 'client_credentials') {
    if (app.kind !== 'bot') return oauthError(400, 'unauthorized_client');
    const requested = form.get('scope')?.split(' ').filter(Boolean) ?? [...ALL_SCOPES];
    if (requested.some((s) => !(ALL_SCOPES as readonly string[]).includes(s)))
      return oauthError(400, 'invalid_scope');
    return tokenResponse(state.tokens.issue(app.clientId, null, requested));
  }
  if (grant === 'refresh_token') {
    const refreshed = state.tokens.refresh(form.get('refresh_token') ?? '', app.clientId);
    return refreshed ? tokenResponse(refreshed) : oauthError(400, 'invalid_grant');
  }
  if (app.kind !== 'user') return oauthError(400, 'unauthorized_client');
  const code = state.tokens.takeCode(form.get('code') ?? '', app.clientId);
  if (!code) return oauthError(400, 'invalid_grant');
  if (form.get('redirect_uri') !== code.redirectUri)
    return oauthError(400, 'invalid_request', 'Mismatching redirect URI.');
  return tokenResponse(state.tokens.issue(app.clientId, code.userId, code.scopes));
}

const redirect = (location: string): HttpReply => empty(302, { Location: location });

function authorize(state: EmulatorState, exchange: HttpExchange): HttpReply {
  const q = exchange.query;
  const app = state.accounts.apps.get(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? '';
  if (app?.kind !== 'user' || !app.redirectUris.includes(redirectUri)) {
    return { status: 400, headers: { 'Content-Type': 'text/html' }, body: '<h1>Error: invalid_request</h1>' };
  }
  const back = (params: Record<string, string>): HttpReply => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    if (q.has('state')) url.searchParams.set('state', q.get('state') ?? '');
    return redirect(url.toString());
  };
  if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
  const scopes = q.get('scope')?.split(' ').filter(Boolean) ?? [...ALL_SCOPES];
  if (scopes.some((s) => !(ALL_SCOPES as readonly string[]).includes(s)))
    return back({ error: 'invalid_scope' });
  const consent = state.consent;
  if (!consent.userId) return redirect(`/account/auth?next=${encodeURIComponent(exchange.req.url ?? '')}`);
  if (!consent.approve) return back({ error: 'access_denied' });
  return back({ code: state.tokens.createCode(app.clientId, consent.userId, redirectUri, scopes) });
}

function userinfo(state: EmulatorState, exchange: HttpExchange): HttpReply {
  const found = accessToken(state, exchange);
  const user = found?.userId ? state.accounts.users.get(found.userId) : undefined;
  if (!found || !user || !found.scopes.includes('read')) return forbidden();
  return publicJson(state, {
    ...userJson(state.accounts, user),
    active_race: activeRoomOf(state, user.id)?.name ?? null,
  });
}

function revoke(state: EmulatorState, exchange: HttpExchange): HttpReply {
  if (!authenticateClient(state, exchange)) return oauthError(401, 'invalid_client');
  state.tokens.revoke(exchange.form.get('token') ?? '');
  return empty(200);
}

/** OAuth2 provider routes (reference §2). */
export const OAUTH_ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/o\/token$/, handle: token },
  { method: 'GET', pattern: /^\/o\/authorize$/, handle: authorize },
  { method: 'GET', pattern: /^\/o\/userinfo$/, handle: userinfo },
  { method: 'POST', pattern: /^\/o\/revoke_token$/, handle: revoke },
];
