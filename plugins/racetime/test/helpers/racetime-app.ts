import type { PluginDefinition } from '@racedesk/core';
import {
  createTestApp,
  type Person,
  type RacetimeEmulator,
  signIn,
  startRacetimeEmulator,
  type TestApp,
  TestClock,
} from '@racedesk/testkit';
import { plugin } from '../../src/index.js';

/** Something with a teardown hook, such as tap's `t`. */
interface Teardown {
  teardown(fn: () => Promise<void> | void): void;
}

/** An app with the racetime plugin against an emulator on one test clock, and a superadmin. */
export interface RacetimeTestApp extends TestApp {
  emulator: RacetimeEmulator;
  root: Person;
  userApp: { clientId: string; clientSecret: string };
}

/** Starts the emulator and an app pointed at it (account linking configured). */
export async function racetimeTestApp(
  t: Teardown,
  options: {
    clock?: TestClock;
    emulator?: RacetimeEmulator;
    database?: TestApp['database'];
    instanceId?: string;
    role?: TestApp['app']['racedesk']['role'];
    /** Plugins loaded next to racetime (e.g. one that depends on it). */
    plugins?: PluginDefinition[];
    /** Config of those plugins, by plugin id. */
    pluginConfig?: Record<string, unknown>;
  } = {},
): Promise<RacetimeTestApp> {
  const clock = options.clock ?? new TestClock();
  const emulator = options.emulator ?? (await startRacetimeEmulator({ clock }));
  if (!options.emulator) t.teardown(() => emulator.close());
  const publicUrl = 'http://racedesk.test';
  const userApp = emulator.registerUserApp({ redirectUris: [`${publicUrl}/api/v1/me/racetime/callback`] });
  const testApp = await createTestApp({
    plugins: [plugin, ...(options.plugins ?? [])],
    clock,
    t,
    database: options.database,
    role: options.role,
    rateLimits: false,
    config: {
      plugins: {
        ...options.pluginConfig,
        racetime: {
          racetimeUrl: emulator.url,
          publicUrl,
          oauthClientId: userApp.clientId,
          oauthClientSecret: userApp.clientSecret,
          instanceId: options.instanceId,
        },
      },
    },
  });
  const root = await signIn(testApp.app, { superadmin: true, username: 'root' });
  return { ...testApp, emulator, root, userApp };
}
