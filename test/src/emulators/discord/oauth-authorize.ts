import type { DiscordState } from './emulator-state.js';
import { apiError, json, type Reply } from './http-exchange.js';
import { gatewayGuildJson } from './json-shapes.js';
import type { EmulatedApplication } from './model.js';
import { Permission } from './permissions.js';

/** Scopes the emulator grants; others are refused with `invalid_scope`. */
export const KNOWN_SCOPES = new Set([
  'identify',
  'email',
  'guilds',
  'guilds.join',
  'guilds.members.read',
  'connections',
  'bot',
  'applications.commands',
  'webhook.incoming',
  'role_connections.write',
  'openid',
]);

const redirect = (to: URL): Reply => ({ status: 302, headers: { Location: to.toString() } });

function redirectWith(uri: string, params: Record<string, string | null>): Reply {
  const to = new URL(uri);
  for (const [key, value] of Object.entries(params)) if (value !== null) to.searchParams.set(key, value);
  return redirect(to);
}

/** Adds an application's bot to a guild with a managed role carrying `permissions`, as an install does. */
function installBot(
  state: DiscordState,
  app: EmulatedApplication,
  guildId: string,
  permissions: string,
): void {
  const bot = app.bot;
  const guild = state.store.guilds.get(guildId);
  if (!bot || !guild || guild.members.has(bot.user.id)) return;
  const role = state.store.addRole(guildId, {
    name: app.name,
    permissions: BigInt(permissions),
    managed: true,
  });
  state.store.addMember(guildId, { userId: bot.user.id, roles: [role.id] });
  state.dispatch('GUILD_CREATE', gatewayGuildJson(state.store, guild, bot.user.id), guildId);
}

/**
 * `GET /oauth2/authorize`: the consent screen, decided by the test through `oauth.loginAs`.
 * Approving redirects with `code` and `state` (plus `guild_id` and `permissions` for bot installs).
 */
export function authorize(state: DiscordState, url: URL): Reply {
  const query = url.searchParams;
  const app = state.store.applications.get(query.get('client_id') ?? '');
  if (!app) return json(400, { message: 'Unknown Application', code: 10002 });
  const requested = query.get('redirect_uri');
  if (requested && !app.redirectUris.includes(requested)) {
    return json(400, { message: 'Invalid OAuth2 redirect_uri', code: 50035 });
  }
  const scopes = (query.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
  const responseType = query.get('response_type');
  const redirectUri = requested ?? (responseType ? (app.redirectUris[0] ?? null) : null);
  const state_ = query.get('state');
  if (!redirectUri && !scopes.includes('bot'))
    return json(400, { message: 'Invalid OAuth2 redirect_uri', code: 50035 });
  const back = (params: Record<string, string | null>): Reply =>
    redirectUri
      ? redirectWith(redirectUri, { ...params, state: state_ })
      : json(200, { authorized: true, ...params });
  if (responseType && responseType !== 'code') {
    return back({
      error: 'unsupported_response_type',
      error_description:
        'The authorization server does not support obtaining an authorization code using this method.',
    });
  }
  if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) {
    return back({
      error: 'invalid_scope',
      error_description: 'The requested scope is invalid, unknown, or malformed.',
    });
  }
  const { userId, approve } = state.consent;
  if (!userId)
    return redirect(new URL(`/login?redirect_to=${encodeURIComponent(url.pathname + url.search)}`, url));
  if (!approve) {
    return back({
      error: 'access_denied',
      error_description: 'The resource owner or authorization server denied the request',
    });
  }
  let guildId: string | null = null;
  let permissions: string | null = null;
  if (scopes.includes('bot')) {
    if (!app.bot) return apiError(50001);
    guildId = query.get('guild_id') ?? state.consent.guildId;
    permissions = query.get('permissions') ?? '0';
    const manage = Permission.Administrator | Permission.ManageGuild;
    if (
      !guildId ||
      !state.store.guilds.has(guildId) ||
      !(state.store.guildPermissions(guildId, userId) & manage)
    ) {
      return json(400, { message: 'Missing Permissions', code: 50013 });
    }
    installBot(state, app, guildId, permissions);
  }
  const code =
    responseType === 'code' && redirectUri
      ? state.tokens.issueCode({ clientId: app.clientId, userId, scopes, redirectUri, guildId, permissions })
          .code
      : null;
  return back({ code, guild_id: guildId, permissions });
}
