import { buildApp, type PluginDefinition, type RacedeskApp, validateConfig } from '@racedesk/core';
import { plugin as racetime } from '@racedesk/plugin-racetime';
import {
  createTestDatabase,
  type Person,
  type RacetimeEmulator,
  signIn,
  startRacetimeEmulator,
  type TestDatabase,
} from '@racedesk/testkit';

/** What the bench needs of an emulator: in this process ({@link RacetimeEmulator}) or another. */
export interface BenchEmulator {
  readonly url: string;
  registerBot(input: { category: string; name: string }): BotCredentials | Promise<BotCredentials>;
  close(): Promise<void>;
}
type BotCredentials = { clientId: string; clientSecret: string };

/** The racetime plugin against a local emulator, on real time, as a production `all` instance runs it. */
export interface RacetimeBench<E extends BenchEmulator = RacetimeEmulator> {
  app: RacedeskApp;
  emulator: E;
  root: Person;
  botId: number;
  bot: { clientId: string; clientSecret: string };
  call<T = Record<string, unknown>>(
    method: 'POST' | 'PUT' | 'GET',
    url: string,
    payload?: object,
  ): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts the emulator (`startEmulator`, default one in this process) and the app (racetime plus
 * `extra` plugins), registers the `alttpr` bot.
 */
export async function startRacetimeBench<E extends BenchEmulator = RacetimeEmulator>(
  extra: readonly PluginDefinition[] = [],
  startEmulator: () => Promise<E> = startRacetimeEmulator as unknown as () => Promise<E>,
): Promise<RacetimeBench<E>> {
  const emulator = await startEmulator();
  let database: TestDatabase | undefined;
  let app: RacedeskApp | undefined;
  try {
    database = await createTestDatabase();
    const config = validateConfig({
      secretKey: 'b'.repeat(64),
      logLevel: 'silent',
      plugins: { racetime: { racetimeUrl: emulator.url, instanceId: 'bench' } },
    });
    app = await buildApp({
      config,
      databaseUrl: database.url,
      plugins: [racetime, ...extra],
      role: 'all',
      logger: false,
      rateLimits: false,
    });
    await app.ready();
    const ready = app;
    const root = await signIn(ready, { superadmin: true });
    const call = async <T>(method: 'POST' | 'PUT' | 'GET', url: string, payload?: object): Promise<T> => {
      const res = await ready.inject({ method, url, headers: root.headers, ...(payload ? { payload } : {}) });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json() as T;
    };
    const bot = await emulator.registerBot({ category: 'alttpr', name: 'Racedesk' });
    const { id: botId } = await call<{ id: number }>('POST', '/api/v1/racetime/bots', {
      category: 'alttpr',
      name: 'Racedesk',
      clientId: bot.clientId,
      clientSecret: bot.clientSecret,
    });
    const db = database;
    return {
      app: ready,
      emulator,
      root,
      botId,
      bot,
      call,
      close: async () => {
        await ready.close();
        await emulator.close();
        await db.drop();
      },
    };
  } catch (error) {
    await app?.close();
    await emulator.close();
    await database?.drop();
    throw error;
  }
}

/** An org with racetime on and the bot assigned; returns its slug. */
export async function benchOrg(bench: RacetimeBench<BenchEmulator>, slug: string): Promise<string> {
  await bench.call('POST', '/api/v1/orgs', { slug, name: slug });
  await bench.call('PUT', `/api/v1/orgs/${slug}/plugins/racetime`, { enabled: true, settings: {} });
  await bench.call('PUT', `/api/v1/racetime/bots/${bench.botId}/orgs/${slug}`);
  return slug;
}

/** A member of `org` (a player for matches). */
export async function benchPlayer(
  bench: RacetimeBench<BenchEmulator>,
  org: string,
  name: string,
): Promise<Person> {
  const person = await signIn(bench.app, { username: name });
  await bench.call('POST', `/api/v1/orgs/${org}/members`, { discordId: person.discordId, role: 'member' });
  return person;
}

/** A tournament with racetime room settings; returns its id. */
export async function benchTournament(
  bench: RacetimeBench<BenchEmulator>,
  org: string,
  slug: string,
  settings: Record<string, unknown>,
): Promise<number> {
  const { id } = await bench.call<{ id: number }>('POST', `/api/v1/orgs/${org}/tournaments`, {
    slug,
    name: slug,
  });
  await bench.call('PUT', `/api/v1/orgs/${org}/racetime/tournaments/${id}/settings`, {
    botId: bench.botId,
    defaultGoal: 'Beat the game',
    ...settings,
  });
  return id;
}

/** Resolves when `check` holds, polling every 50 ms; rejects after `timeoutMs`. */
export async function waitUntil(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
