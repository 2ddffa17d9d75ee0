import type { PluginContext } from '@racedesk/core';
import { RacetimeHttpClient } from '../clients/racetime-http-client.js';
import type { TimerClock } from '../clients/timer-clock.js';
import { timerClockOf } from '../clients/timer-clock-of.js';
import type { RacetimeConfigValue } from '../schemas/plugin-config.js';
import { BotRegistry } from './bot-registry.js';
import { CategoryGoals } from './category-goals.js';
import { ChatCommands } from './chat-commands.js';
import { type InstanceSettings, resolveInstanceSettings } from './instance-settings.js';
import { RoomLeases } from './room-leases.js';
import { RoomTracker } from './room-tracker.js';

/** The plugin's context with its config typed. */
export type RacetimeContext = PluginContext<RacetimeConfigValue>;

/** What this process keeps for the plugin between calls: clients, bot tokens, room sockets. */
export interface RacetimeRuntime {
  settings: InstanceSettings;
  clock: TimerClock;
  http: RacetimeHttpClient;
  bots: BotRegistry;
  /** Goals per category, cached for a minute (room opening needs no more of the category data). */
  goals: CategoryGoals;
  rooms: RoomTracker;
  leases: RoomLeases;
  commands: ChatCommands;
  /** Extra parts started by the plugin (room tracker, ...), closed with it. */
  closers: Array<() => Promise<void> | void>;
}

// Keyed by context: each app (tests run two in one process) has its own.
const runtimes = new WeakMap<PluginContext<never> | PluginContext<RacetimeConfigValue>, RacetimeRuntime>();

/** The runtime of this app's racetime plugin, created on first use. */
export function runtimeOf(ctx: RacetimeContext): RacetimeRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    const settings = resolveInstanceSettings(ctx.config, ctx.instance);
    const clock = timerClockOf(ctx.clock);
    const http = new RacetimeHttpClient({
      baseUrl: settings.racetimeUrl,
      clock,
      timeoutMs: settings.requestTimeoutMs,
    });
    const bots = new BotRegistry(ctx, http, clock);
    const commands = new ChatCommands((name) => rooms.socketOf(name)?.race ?? null);
    const rooms: RoomTracker = new RoomTracker(ctx, { bots, http, clock }, commands);
    const leases = new RoomLeases(ctx, settings, clock, rooms);
    runtime = {
      settings,
      clock,
      http,
      bots,
      goals: new CategoryGoals(clock),
      rooms,
      leases,
      commands,
      closers: [],
    };
    runtimes.set(ctx, runtime);
  }
  return runtime;
}

/** Stops everything the runtime started (sockets, timers). */
export async function closeRuntime(ctx: RacetimeContext): Promise<void> {
  const runtime = runtimes.get(ctx);
  if (!runtime) return;
  runtimes.delete(ctx);
  for (const close of runtime.closers.reverse()) await close();
  runtime.leases.stop();
  runtime.rooms.close();
  await runtime.rooms.idle();
  await runtime.leases.release().catch(() => undefined);
  await runtime.bots.close();
}
