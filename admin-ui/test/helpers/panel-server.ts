import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  type BuildAppOptions,
  buildApp,
  type PluginDefinition,
  type RacedeskApp,
  validateConfig,
} from '@racedesk/core';
import { createTestDatabase, freePort } from '@racedesk/testkit';
import pino from 'pino';
import { type DiscordEmulator, startDiscordEmulator } from '../../../test/src/emulators/discord/index.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The newest modification time under `dir`, in ms. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return newest;
}

/**
 * Builds admin-ui/dist when it is missing or older than admin-ui/src (CI starts from a clean checkout;
 * developers edit the source). A lock folder keeps parallel test files from building at once.
 */
export async function ensurePanelBuilt(): Promise<void> {
  const index = `${ROOT}admin-ui/dist/index.html`;
  const fresh = () => existsSync(index) && statSync(index).mtimeMs >= newestMtime(`${ROOT}admin-ui/src`);
  const lock = `${ROOT}admin-ui/.build-lock`;
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes is left over from a crash.
      const since = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 120_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (fresh()) return;
    const result = spawnSync('npm', ['run', 'build', '--workspace', '@racedesk/admin-ui'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    if (result.status !== 0) throw new Error(`admin-ui build failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A real Racedesk server on a free port with Discord sign-in wired to the Discord emulator. */
export interface PanelServer {
  app: RacedeskApp;
  url: string;
  discord: DiscordEmulator;
  /** The first-run setup code from the server log (makes the first presenter superadmin). */
  setupCode: string;
  close(): Promise<void>;
}

export async function startPanelServer(
  plugins: readonly PluginDefinition[],
  options: {
    /** `plugins` config, or a function of the Discord emulator's and the server's URLs. */
    pluginConfig?:
      | Record<string, unknown>
      | ((urls: { discordUrl: string; url: string }) => Record<string, unknown>);
    /** The server's rate limits (its defaults when absent); `false` for tests that arrange many records. */
    rateLimits?: BuildAppOptions['rateLimits'];
  } = {},
): Promise<PanelServer> {
  await ensurePanelBuilt();
  const discord = await startDiscordEmulator();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const oauth = discord.createApplication({
    withBot: false,
    redirectUris: [`${url}/api/v1/auth/discord/callback`],
  });
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const database = await createTestDatabase();
  const app = await buildApp({
    config: validateConfig({
      secretKey: 'b'.repeat(64),
      publicUrl: url,
      webhooks: { allowHttpLoopback: true },
      services: { discordUrl: discord.url },
      oauth: { discord: { clientId: oauth.clientId, clientSecret: oauth.clientSecret } },
      plugins:
        typeof options.pluginConfig === 'function'
          ? options.pluginConfig({ discordUrl: discord.url, url })
          : (options.pluginConfig ?? {}),
    }),
    databaseUrl: database.url,
    plugins,
    loggerInstance: logger,
    jobPollMs: 500,
    rateLimits: options.rateLimits,
  });
  await app.listen({ port, host: '127.0.0.1' });
  const setupCode = /First-run setup code: ([A-Z0-9-]+)/.exec(lines.join(''))?.[1];
  if (!setupCode) throw new Error('no setup code in the server log');
  return {
    app,
    url,
    discord,
    setupCode,
    close: async () => {
      await app.close();
      await discord.close();
      await database.drop();
    },
  };
}
