import type { TimerClock } from '../../clock.js';
import { randomAlphanumeric } from './random-ids.js';

/** Every scope racetime defines; the default grant (reference §2.3). */
export const ALL_SCOPES = ['read', 'chat_message', 'race_action', 'create_race'] as const;

/** Access tokens live 36000 s (reference §2.5). */
export const ACCESS_TOKEN_SECONDS = 36_000;
/** Authorization codes live 600 s and are single-use. */
const CODE_SECONDS = 600;

export interface AccessToken {
  token: string;
  clientId: string;
  /** `null` for client-credentials (bot) tokens. */
  userId: string | null;
  scopes: string[];
  expiresAt: number;
  refreshToken: string | null;
  revoked: boolean;
}

interface AuthorizationCode {
  clientId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
}

/** Issued tokens and authorization codes; expiry is judged against the injected clock. */
export class TokenStore {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, AccessToken>();
  private readonly codes = new Map<string, AuthorizationCode>();

  constructor(private readonly clock: TimerClock) {}

  issue(clientId: string, userId: string | null, scopes: string[]): AccessToken {
    const token: AccessToken = {
      token: randomAlphanumeric(30),
      clientId,
      userId,
      scopes,
      expiresAt: this.clock.now().getTime() + ACCESS_TOKEN_SECONDS * 1000,
      refreshToken: userId ? randomAlphanumeric(30) : null,
      revoked: false,
    };
    this.tokens.set(token.token, token);
    if (token.refreshToken) this.refreshTokens.set(token.refreshToken, token);
    return token;
  }

  /** The token if it exists, is not revoked and has not expired; otherwise `null`. */
  valid(token: string | null): AccessToken | null {
    if (!token) return null;
    const found = this.tokens.get(token);
    if (!found || found.revoked || found.expiresAt <= this.clock.now().getTime()) return null;
    return found;
  }

  /** Rotates a refresh token: the old pair is revoked at once (`ROTATE_REFRESH_TOKEN`). */
  refresh(refreshToken: string, clientId: string): AccessToken | null {
    const old = this.refreshTokens.get(refreshToken);
    if (!old || old.clientId !== clientId) return null;
    this.refreshTokens.delete(refreshToken);
    old.revoked = true;
    return this.issue(clientId, old.userId, old.scopes);
  }

  revoke(token: string): void {
    const found = this.tokens.get(token) ?? this.refreshTokens.get(token);
    if (!found) return;
    found.revoked = true;
    if (found.refreshToken) this.refreshTokens.delete(found.refreshToken);
  }

  /** Makes matching tokens expire now (fault injection: clients then see 403 / permission errors). */
  expire(filter: (token: AccessToken) => boolean = () => true): number {
    let count = 0;
    for (const token of this.tokens.values()) {
      if (!filter(token)) continue;
      token.expiresAt = Math.min(token.expiresAt, this.clock.now().getTime());
      count++;
    }
    return count;
  }

  createCode(clientId: string, userId: string, redirectUri: string, scopes: string[]): string {
    const code = randomAlphanumeric(30);
    this.codes.set(code, {
      clientId,
      userId,
      redirectUri,
      scopes,
      expiresAt: this.clock.now().getTime() + CODE_SECONDS * 1000,
    });
    return code;
  }

  /** Consumes a code (single use); `null` when unknown, expired or issued to another client. */
  takeCode(code: string, clientId: string): AuthorizationCode | null {
    const found = this.codes.get(code);
    if (!found) return null;
    this.codes.delete(code);
    if (found.clientId !== clientId || found.expiresAt <= this.clock.now().getTime()) return null;
    return found;
  }
}
