import { hostname } from 'node:os';
import type { PluginInstanceConfig } from '@racedesk/core';
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

// URLs and the client id come from the validated instance config (RACEDESK_RACETIME_URL,
// RACEDESK_PUBLIC_URL, RACEDESK_RACETIME_CLIENT_ID) unless the plugin's own config overrides them; the
// core never hands plugins client secrets, so the secret is read from its documented variable.
export function resolveInstanceSettings(
  config: RacetimeConfigValue,
  instance: PluginInstanceConfig,
  env: NodeJS.ProcessEnv = process.env,
): InstanceSettings {
  const clientId = config.oauthClientId ?? instance.oauthClientIds.racetime ?? undefined;
  const clientSecret = config.oauthClientSecret ?? env.RACEDESK_RACETIME_CLIENT_SECRET;
  return {
    racetimeUrl: (config.racetimeUrl ?? instance.services.racetimeUrl).replace(/\/+$/, ''),
    publicUrl: (config.publicUrl ?? instance.publicUrl).replace(/\/+$/, ''),
    oauth: clientId && clientSecret ? { clientId, clientSecret } : null,
    instanceId: config.instanceId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`,
    leaseMs: (config.leaseSeconds ?? 30) * 1000,
    requestTimeoutMs: config.requestTimeoutMs ?? 10_000,
  };
}
