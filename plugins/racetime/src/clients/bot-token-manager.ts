import { EventEmitter } from 'node:events';
import { isRacetimeError } from './racetime-errors.js';
import type { BotAccessToken } from './racetime-http-client.js';
import { systemTimerClock, type TimerClock } from './timer-clock.js';

/** A category bot's OAuth application credentials (reference §2.2). */
export interface BotCredentials {
  clientId: string;
  clientSecret: string;
}

/** What the manager needs from the HTTP client. */
export interface BotTokenEndpoint {
  requestBotToken(clientId: string, clientSecret: string): Promise<BotAccessToken>;
}

/** Where sockets get the current token and hear about new ones. */
export interface BotTokenSource {
  /** A valid token (fetched or renewed if needed). */
  token(): Promise<string>;
  /** A token other than `stale` (which racetime.gg refused): renews unless that already happened. */
  renew(stale?: string): Promise<string>;
  /** Calls `listener` with each token that replaces a previous one; returns the unsubscribe function. */
  onRenewed(listener: (token: string) => void): () => void;
}

/** Options of {@link BotTokenManager}. */
export interface BotTokenManagerOptions {
  endpoint: BotTokenEndpoint;
  credentials: BotCredentials;
  clock?: TimerClock;
  /** Renew this many seconds before expiry (at most half the lifetime). Default 600, like the fork and sglman. */
  renewBeforeSeconds?: number;
  /** First retry delay after a failed background renewal, doubled up to 5 min. Default 5 s. */
  retryDelayMs?: number;
}

/** Events of a {@link BotTokenManager}. */
export interface BotTokenEvents {
  /** A new token replaced the previous one. */
  renewed: [token: string];
  /** A background renewal failed (it is retried unless the credentials were refused). */
  'renewal-failed': [error: Error];
}

const MAX_RETRY_MS = 300_000;
// A cached token this close to expiry is not handed out: a request made with it could arrive expired.
const EXPIRY_GUARD_MS = 60_000;

/**
 * One bot's client-credentials token: fetched once, shared, renewed in the background before it
 * expires (on the injected clock) and on demand after a 403, with at most one request in flight.
 */
export class BotTokenManager extends EventEmitter<BotTokenEvents> implements BotTokenSource {
  private current: { token: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;
  private timer: unknown = null;
  private retryMs: number;
  private readonly clock: TimerClock;
  private closed = false;
  /** The last renewal failure; cleared by the next success. */
  lastError: Error | null = null;

  constructor(private readonly options: BotTokenManagerOptions) {
    super();
    // Every room socket of the bot listens for renewals: thousands of rooms are normal, not a leak.
    this.setMaxListeners(0);
    this.clock = options.clock ?? systemTimerClock;
    this.retryMs = options.retryDelayMs ?? 5_000;
  }

  /** When the current token expires, or `null` before the first fetch. */
  get expiresAt(): Date | null {
    return this.current ? new Date(this.current.expiresAt) : null;
  }

  async token(): Promise<string> {
    const current = this.current;
    if (current && this.clock.now().getTime() < current.expiresAt - EXPIRY_GUARD_MS) return current.token;
    return this.fetchToken();
  }

  async renew(stale?: string): Promise<string> {
    if (stale !== undefined && this.current && this.current.token !== stale) return this.current.token;
    return this.fetchToken();
  }

  onRenewed(listener: (token: string) => void): () => void {
    this.on('renewed', listener);
    return () => this.off('renewed', listener);
  }

  /**
   * Runs `call` with the token; if racetime.gg answers 403 (token expired or revoked), renews once and
   * runs it again with the new token.
   */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    const token = await this.token();
    try {
      return await call(token);
    } catch (error) {
      if (!isRacetimeError(error, 'forbidden')) throw error;
      return call(await this.renew(token));
    }
  }

  /** Stops background renewal. */
  close(): void {
    this.closed = true;
    this.clock.clearTimeout(this.timer);
  }

  private fetchToken(): Promise<string> {
    this.inflight ??= this.request().finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async request(): Promise<string> {
    const { clientId, clientSecret } = this.options.credentials;
    let issued: BotAccessToken;
    try {
      issued = await this.options.endpoint.requestBotToken(clientId, clientSecret);
    } catch (error) {
      this.lastError = error instanceof Error ? error : new Error(String(error));
      throw error;
    }
    const now = this.clock.now().getTime();
    const previous = this.current;
    this.current = { token: issued.accessToken, expiresAt: now + issued.expiresIn * 1000 };
    this.lastError = null;
    this.retryMs = this.options.retryDelayMs ?? 5_000;
    const lifetimeMs = issued.expiresIn * 1000;
    const marginMs = Math.min((this.options.renewBeforeSeconds ?? 600) * 1000, lifetimeMs / 2);
    this.schedule(lifetimeMs - marginMs);
    if (previous && previous.token !== issued.accessToken) this.emit('renewed', issued.accessToken);
    return issued.accessToken;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    this.clock.clearTimeout(this.timer);
    this.timer = this.clock.setTimeout(() => void this.renewInBackground(), ms);
  }

  private async renewInBackground(): Promise<void> {
    try {
      await this.fetchToken();
    } catch (error) {
      this.emit('renewal-failed', this.lastError ?? new Error(String(error)));
      // Wrong credentials or a deactivated bot will not fix themselves: stop and let lastError tell.
      if (isRacetimeError(error, 'auth_failed')) return;
      const remaining = (this.current?.expiresAt ?? 0) - this.clock.now().getTime();
      this.schedule(Math.max(1_000, Math.min(this.retryMs, remaining / 2)));
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }
}
