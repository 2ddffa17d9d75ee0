import type { RacedeskConfig } from '../config/schema.js';
import { badRequest, RacedeskError } from '../errors.js';
import type { DiscordProfile } from '../users/user-service.js';

/** How long one call to Discord may take before sign-in gives up with a 502. */
const DISCORD_TIMEOUT_MS = 10_000;

const failed = (what: string, detail: string) =>
  new RacedeskError('RD_AUTH_DISCORD', `Discord sign-in failed: ${what} (${detail})`, 502);

/** The Discord side of sign-in: authorize URL, code exchange, profile (base URL from config). */
export function discordOAuth(config: RacedeskConfig) {
  const { clientId, clientSecret } = config.oauth.discord;
  const base = config.services.discordUrl.replace(/\/$/, '');
  const redirectUri = new URL('/api/v1/auth/discord/callback', config.publicUrl).toString();
  return {
    configured: Boolean(clientId && clientSecret),

    authorizeUrl(state: string): string {
      const url = new URL(`${base}/oauth2/authorize`);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId ?? '',
        scope: 'identify',
        state,
        redirect_uri: redirectUri,
        prompt: 'none',
      }).toString();
      return url.toString();
    },

    /** Exchanges the callback's code for the user's profile; the access token is used once and dropped. */
    async profile(code: string): Promise<DiscordProfile> {
      const tokenResponse = await fetch(`${base}/api/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: redirectUri,
          client_id: clientId ?? '',
          client_secret: clientSecret ?? '',
        }),
        signal: AbortSignal.timeout(DISCORD_TIMEOUT_MS),
      }).catch((err: Error) => {
        throw failed('token endpoint unreachable', err.message);
      });
      // A 4xx means the code was stale or forged (a client problem); anything else is Discord's.
      if (tokenResponse.status >= 400 && tokenResponse.status < 500) {
        throw badRequest('RD_AUTH_CODE_REJECTED', 'Discord did not accept the sign-in code; start again');
      }
      if (!tokenResponse.ok) throw failed('token endpoint error', `HTTP ${tokenResponse.status}`);
      const { access_token: accessToken } = (await tokenResponse.json()) as { access_token?: string };
      if (!accessToken) throw failed('no access token', 'token response without access_token');
      const me = await fetch(`${base}/api/v10/users/@me`, {
        headers: { authorization: `Bearer ${accessToken}` },
        signal: AbortSignal.timeout(DISCORD_TIMEOUT_MS),
      }).catch((err: Error) => {
        throw failed('users/@me unreachable', err.message);
      });
      if (!me.ok) throw failed('profile not readable', `HTTP ${me.status}`);
      const profile = (await me.json()) as DiscordProfile;
      if (typeof profile.id !== 'string' || typeof profile.username !== 'string') {
        throw failed('unexpected profile', 'missing id or username');
      }
      return profile;
    },
  };
}
