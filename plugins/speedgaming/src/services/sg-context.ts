import { type PluginContext, systemActor } from '@racedesk/core';
import { sleepOn } from '../clients/clock-sleep.js';
import { createSpeedGamingClient, type SpeedGamingClient } from '../clients/speedgaming-client.js';
import type { SpeedGamingConfigValue } from '../schemas/plugin-config.js';

/** The plugin's context. */
export type SgContext = PluginContext<SpeedGamingConfigValue>;

/** The plugin acting on its own: it owns what it imported, so its writes pass the 409 rule. */
export const SG_ACTOR = systemActor('speedgaming');

// The core does not hand plugins the instance config, so the URL comes from ours or the env.
const clients = new WeakMap<object, SpeedGamingClient>();

/** The SpeedGaming client of this instance (one per context). */
export function clientOf(ctx: SgContext): SpeedGamingClient {
  let client = clients.get(ctx);
  if (!client) {
    const baseUrl =
      ctx.config.speedgamingUrl ?? process.env.RACEDESK_SPEEDGAMING_URL ?? 'https://speedgaming.org';
    client = createSpeedGamingClient({
      baseUrl,
      timeoutMs: ctx.config.requestTimeoutMs,
      retry: { attempts: ctx.config.requestAttempts },
      // Retries inside a run wait on the context's clock, so tests drive them with the TestClock.
      sleep: sleepOn(ctx.clock),
    });
    clients.set(ctx, client);
  }
  return client;
}
