import { hostname } from 'node:os';
import type { RacetimeConfigValue } from '../schemas/plugin-config.js';

/** Where racetime.gg is, where this instance is, and the account-linking app, resolved once. */
export interface InstanceSettings {
  racetimeUrl: string;
  publicUrl: string;
  oauth: { clientId: string; clientSecret: string } | null;
  instanceId: string;
  leaseMs: number;
  requestTimeoutMs: number;
}

// The core does not hand plugins the instance config (services.racetimeUrl, oauth.racetime, publicUrl),
// so the plugin reads the same RACEDESK_* variables the core documents, unless its own config overrides.
export function resolveInstanceSettings(
  config: RacetimeConfigValue,
  env: NodeJS.ProcessEnv = process.env,
): InstanceSettings {
  const clientId = config.oauthClientId ?? env.RACEDESK_RACETIME_CLIENT_ID;
  const clientSecret = config.oauthClientSecret ?? env.RACEDESK_RACETIME_CLIENT_SECRET;
  return {
    racetimeUrl: (config.racetimeUrl ?? env.RACEDESK_RACETIME_URL ?? 'https://racetime.gg').replace(
      /\/+$/,
      '',
    ),
    publicUrl: (config.publicUrl ?? env.RACEDESK_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    oauth: clientId && clientSecret ? { clientId, clientSecret } : null,
    instanceId: config.instanceId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
    leaseMs: (config.leaseSeconds ?? 30) * 1000,
    requestTimeoutMs: config.requestTimeoutMs ?? 10_000,
  };
}
