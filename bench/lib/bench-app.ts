import { buildApp, type PluginDefinition, type RacedeskApp, validateConfig } from '@racedesk/core';
import { createTestDatabase } from '@racedesk/testkit';

/** The full core stack on a throwaway database, silent, with the real clock. */
export interface BenchApp {
  app: RacedeskApp;
  databaseUrl: string;
  close(): Promise<void>;
}

/** Builds the real app (migrations, plugins, error handler, OpenAPI, metrics) as production would. */
export async function startBenchApp(plugins: readonly PluginDefinition[]): Promise<BenchApp> {
  const database = await createTestDatabase();
  const config = validateConfig({ secretKey: 'b'.repeat(64), logLevel: 'silent' });
  // role api: no job polling in the background to add noise; HTTP and the event bus are what we measure.
  const app = await buildApp({ config, databaseUrl: database.url, plugins, role: 'api', logger: false });
  await app.ready();
  return {
    app,
    databaseUrl: database.url,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
