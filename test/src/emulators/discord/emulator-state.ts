import type { TimerClock } from '../../clock.js';
import type { DiscordFaults } from './faults.js';
import type { OAuthTokens } from './oauth-tokens.js';
import type { RateLimiter } from './rate-limits.js';
import type { RequestLog } from './request-log.js';
import type { DiscordStore } from './store.js';

/** Who is signed in at `/oauth2/authorize` and what they decide there. */
export interface OAuthConsent {
  /** null = nobody signed in (redirect to `/login`). */
  userId: string | null;
  approve: boolean;
  /** Bot installs: the guild picked on the consent screen when the URL has no `guild_id`. */
  guildId: string | null;
}

/** Everything route handlers and the gateway share. */
export interface DiscordState {
  clock: TimerClock;
  store: DiscordStore;
  tokens: OAuthTokens;
  limits: RateLimiter;
  faults: DiscordFaults;
  log: RequestLog;
  consent: OAuthConsent;
  /** `ws://127.0.0.1:PORT`, known once listening. */
  gatewayUrl: string;
  /** Sends a dispatch event to every ready gateway session of bots in `guildId` (all when null). */
  dispatch(event: string, data: unknown, guildId: string | null): void;
}
