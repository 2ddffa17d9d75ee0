import type { DiscordState } from './emulator-state.js';
import { apiError, type Exchange, json, type Reply, type Route, unauthorized } from './http-exchange.js';
import { guildJson, userJson } from './json-shapes.js';
import type { EmulatedApplication } from './model.js';
import type { OAuthGrant } from './oauth-tokens.js';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** The client authenticating at the token endpoint: form fields or HTTP Basic. */
function client(state: DiscordState, ex: Exchange): EmulatedApplication | null {
  const basic = /^Basic\s+(\S+)$/i.exec(ex.headers.authorization ?? '')?.[1];
  const [id, secret] = basic
    ? Buffer.from(basic, 'base64').toString().split(':')
    : [ex.form.get('client_id'), ex.form.get('client_secret')];
  const app = state.store.applications.get(id ?? '');
  return app && app.clientSecret === secret ? app : null;
}

const invalidGrant = (what: string): Reply =>
  json(400, { error: 'invalid_grant', error_description: `Invalid "${what}" in request.` }, NO_STORE);

function tokenJson(state: DiscordState, grant: OAuthGrant): Reply {
  const guild = grant.guildId ? state.store.guilds.get(grant.guildId) : undefined;
  return json(
    200,
    {
      token_type: 'Bearer',
      access_token: grant.accessToken,
      expires_in: Math.round((grant.expiresAt.getTime() - state.clock.now().getTime()) / 1000),
      refresh_token: grant.refreshToken,
      scope: grant.scopes.join(' '),
      ...(guild ? { guild: guildJson(guild) } : {}),
    },
    NO_STORE,
  );
}

function exchangeToken(state: DiscordState, ex: Exchange): Reply {
  const app = client(state, ex);
  if (!app) return json(401, { error: 'invalid_client' }, NO_STORE);
  const grantType = ex.form.get('grant_type');
  if (grantType === 'authorization_code') {
    const code = state.tokens.redeemCode(ex.form.get('code') ?? '');
    if (!code || code.clientId !== app.clientId) return invalidGrant('code');
    if (ex.form.get('redirect_uri') !== code.redirectUri) return invalidGrant('redirect_uri');
    const { code: _c, expiresAt: _e, redirectUri: _r, ...rest } = code;
    return tokenJson(state, state.tokens.issue(rest));
  }
  if (grantType === 'refresh_token') {
    const grant = state.tokens.rotate(ex.form.get('refresh_token') ?? '', app.clientId);
    return grant ? tokenJson(state, grant) : invalidGrant('refresh_token');
  }
  return json(400, { error: 'unsupported_grant_type' }, NO_STORE);
}

const applicationJson = (app: EmulatedApplication): Record<string, unknown> => ({
  id: app.id,
  name: app.name,
  icon: null,
  description: '',
  summary: '',
  type: null,
  hook: true,
  bot_public: true,
  bot_require_code_grant: false,
  verify_key: '0'.repeat(64),
  flags: 0,
  redirect_uris: app.redirectUris,
  ...(app.bot ? { bot: userJson(app.bot.user) } : {}),
});

/** OAuth2 API routes under `/api`: token exchange, revocation, current authorization and application. */
export const OAUTH_ROUTES: Route<DiscordState>[] = [
  { method: 'POST', path: '/oauth2/token', auth: 'none', handle: exchangeToken },
  {
    method: 'POST',
    path: '/oauth2/token/revoke',
    auth: 'none',
    handle: (state, ex) => {
      if (!client(state, ex)) return json(401, { error: 'invalid_client' });
      state.tokens.revoke(ex.form.get('token') ?? '');
      return json(200, {});
    },
  },
  {
    method: 'GET',
    path: '/oauth2/@me',
    auth: 'bearer',
    handle: (state, ex) => {
      if (ex.caller.kind !== 'bearer') return unauthorized();
      const { grant, user } = ex.caller;
      const app = state.store.applications.get(grant.clientId);
      if (!app) return apiError(0);
      return json(200, {
        application: applicationJson(app),
        scopes: grant.scopes,
        expires: grant.expiresAt.toISOString(),
        ...(grant.scopes.includes('identify') ? { user: userJson(user) } : {}),
      });
    },
  },
  {
    method: 'GET',
    path: '/oauth2/applications/@me',
    auth: 'bot',
    handle: (_state, ex) =>
      ex.caller.kind === 'bot' ? json(200, applicationJson(ex.caller.app)) : unauthorized(),
  },
];
