import { JsonReader } from './json-reader.js';
import { RacetimeError } from './racetime-errors.js';

/** The user-login application used for account linking (reference §2.5). */
export interface UserAppCredentials {
  clientId: string;
  clientSecret: string;
}

/** Tokens of a linked user. */
export interface UserTokens {
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number;
}

/** `GET /o/userinfo` (reference §2.6), the parts Racedesk keeps. */
export interface RacetimeUserInfo {
  id: string;
  name: string;
  fullName: string;
}

/** Authorization-code account linking against racetime.gg's OAuth2 provider. */
export class RacetimeOAuthClient {
  constructor(
    private readonly baseUrl: string,
    private readonly app: UserAppCredentials,
    private readonly redirectUri: string,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Where to send the browser to ask the user for consent. */
  authorizeUrl(state: string): string {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: this.app.clientId,
      redirect_uri: this.redirectUri,
      scope: 'read',
      state,
    });
    return `${this.baseUrl}/o/authorize?${query}`;
  }

  /** Exchanges an authorization code; racetime.gg answers `invalid_grant` for bad or reused codes. */
  async exchangeCode(code: string): Promise<UserTokens> {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.redirectUri,
      client_id: this.app.clientId,
      client_secret: this.app.clientSecret,
    });
    const res = await this.call('/o/token', { method: 'POST', body: form });
    if (res.status !== 200)
      throw new RacetimeError('rejected', `racetime.gg refused the authorization code (${res.status})`, {
        status: res.status,
      });
    const json = JsonReader.parse(res.text, 'the token answer');
    return {
      accessToken: json.string('access_token'),
      refreshToken: json.optionalString('refresh_token'),
      expiresIn: json.optionalNumber('expires_in') ?? 36_000,
    };
  }

  /** Who the token belongs to. */
  async userInfo(accessToken: string): Promise<RacetimeUserInfo> {
    const res = await this.call('/o/userinfo', { headers: { Authorization: `Bearer ${accessToken}` } });
    if (res.status !== 200)
      throw new RacetimeError('forbidden', `racetime.gg refused the user info (${res.status})`, {
        status: res.status,
      });
    const json = JsonReader.parse(res.text, 'the user info');
    return {
      id: json.string('id'),
      name: json.string('name'),
      fullName: json.optionalString('full_name') ?? json.string('name'),
    };
  }

  /** Revokes a token (best effort: an unlink never fails because racetime.gg is down). */
  async revoke(token: string): Promise<void> {
    const form = new URLSearchParams({
      token,
      client_id: this.app.clientId,
      client_secret: this.app.clientSecret,
    });
    await this.call('/o/revoke_token', { method: 'POST', body: form }).catch(() => undefined);
  }

  private async call(path: string, init: RequestInit): Promise<{ status: number; text: string }> {
    try {
      const res = await fetch(`${this.baseUrl}${path}`, {
        ...init,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { status: res.status, text: await res.text() };
    } catch (cause) {
      throw new RacetimeError('network', `Could not reach racetime.gg (${path})`, { cause });
    }
  }
}
