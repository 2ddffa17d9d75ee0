import { randomBytes } from 'node:crypto';
import type { Clock } from '@racedesk/core';

/** An issued OAuth2 authorization (one access token and its refresh token). */
export interface OAuthGrant {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  userId: string;
  scopes: string[];
  expiresAt: Date;
  /** Bot-install grants: the guild the bot was added to and the permissions granted. */
  guildId: string | null;
  permissions: string | null;
}

/** A one-time authorization code from `/oauth2/authorize`. */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  userId: string;
  scopes: string[];
  redirectUri: string;
  guildId: string | null;
  permissions: string | null;
  expiresAt: Date;
}

/** Access tokens last a week, like Discord's. */
export const ACCESS_TOKEN_SECONDS = 604_800;
/** Authorization codes are short-lived. */
const CODE_MS = 10 * 60_000;

const token = (): string => randomBytes(20).toString('base64url').slice(0, 30);

/** Authorization codes and OAuth2 tokens, expiring on the injected clock. */
export class OAuthTokens {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly access = new Map<string, OAuthGrant>();
  private readonly refresh = new Map<string, OAuthGrant>();

  constructor(private readonly clock: Clock) {}

  issueCode(input: Omit<AuthorizationCode, 'code' | 'expiresAt'>): AuthorizationCode {
    const code = { ...input, code: token(), expiresAt: new Date(this.clock.now().getTime() + CODE_MS) };
    this.codes.set(code.code, code);
    return code;
  }

  /** Takes a code out (single use): a replayed or expired code gives undefined. */
  redeemCode(code: string): AuthorizationCode | undefined {
    const found = this.codes.get(code);
    this.codes.delete(code);
    return found && found.expiresAt > this.clock.now() ? found : undefined;
  }

  issue(input: Omit<OAuthGrant, 'accessToken' | 'refreshToken' | 'expiresAt'>): OAuthGrant {
    const grant: OAuthGrant = {
      ...input,
      accessToken: token(),
      refreshToken: token(),
      expiresAt: new Date(this.clock.now().getTime() + ACCESS_TOKEN_SECONDS * 1000),
    };
    this.access.set(grant.accessToken, grant);
    this.refresh.set(grant.refreshToken, grant);
    return grant;
  }

  /** A valid (unexpired, unrevoked) grant for an access token. */
  valid(accessToken: string): OAuthGrant | undefined {
    const grant = this.access.get(accessToken);
    return grant && grant.expiresAt > this.clock.now() ? grant : undefined;
  }

  /** Rotates a refresh token: the old access and refresh tokens stop working. */
  rotate(refreshToken: string, clientId: string): OAuthGrant | undefined {
    const old = this.refresh.get(refreshToken);
    if (!old || old.clientId !== clientId) return undefined;
    this.revoke(refreshToken);
    const { accessToken: _a, refreshToken: _r, expiresAt: _e, ...rest } = old;
    return this.issue(rest);
  }

  /** Revokes the grant of an access or refresh token. */
  revoke(anyToken: string): void {
    const grant = this.access.get(anyToken) ?? this.refresh.get(anyToken);
    if (!grant) return;
    this.access.delete(grant.accessToken);
    this.refresh.delete(grant.refreshToken);
  }
}
