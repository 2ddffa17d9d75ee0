import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { ConfigError } from '../errors.js';
import { ConfigSchema, type RacedeskConfig } from './schema.js';

type Env = Record<string, string | undefined>;

/** Keys that hold secrets: accepted from the environment only, never from the config file. */
const SECRET_KEYS = ['secretKey', 'databaseUrl', 'discordBotToken', 'oauth'];

const pick = (env: Env, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
};

const definedOnly = (obj: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));

function fromEnv(env: Env): Record<string, unknown> {
  // Set but empty means "no plugins"; unset means all first-party plugins.
  const plugins = env.RACEDESK_PLUGINS;
  return definedOnly({
    databaseUrl: pick(env, 'DATABASE_URL'),
    dataDir: pick(env, 'RACEDESK_DATA_DIR'),
    embeddedPostgresPort: pick(env, 'RACEDESK_EMBEDDED_PG_PORT'),
    host: pick(env, 'HOST'),
    port: pick(env, 'PORT'),
    publicUrl: pick(env, 'RACEDESK_PUBLIC_URL'),
    logLevel: pick(env, 'LOG_LEVEL'),
    secretKey: pick(env, 'RACEDESK_SECRET_KEY'),
    enabledPlugins: plugins
      ?.split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    discordBotToken: pick(env, 'RACEDESK_DISCORD_BOT_TOKEN'),
    services: definedOnly({
      racetimeUrl: pick(env, 'RACEDESK_RACETIME_URL'),
      speedgamingUrl: pick(env, 'RACEDESK_SPEEDGAMING_URL'),
      discordUrl: pick(env, 'RACEDESK_DISCORD_URL'),
    }),
    oauth: {
      discord: definedOnly({
        clientId: pick(env, 'RACEDESK_DISCORD_CLIENT_ID'),
        clientSecret: pick(env, 'RACEDESK_DISCORD_CLIENT_SECRET'),
      }),
      racetime: definedOnly({
        clientId: pick(env, 'RACEDESK_RACETIME_CLIENT_ID'),
        clientSecret: pick(env, 'RACEDESK_RACETIME_CLIENT_SECRET'),
      }),
    },
  });
}

function readFile(path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`${path}: must hold a JSON object`);
  }
  const secrets = SECRET_KEYS.filter((k) => k in parsed);
  if (secrets.length > 0) {
    throw new ConfigError(secrets.map((k) => `/${k}: secrets come from the environment only`).join('\n'));
  }
  return parsed as Record<string, unknown>;
}

/** Lists every problem of a value against a schema as `/path: reason` lines. */
export function describeErrors(schema: TSchema, value: unknown, prefix = ''): string[] {
  return [...Value.Errors(schema, value)].map((e) => `${prefix}${e.instancePath || '/'}: ${e.message}`);
}

/** Applies defaults and converts strings (env values) to the schema's types; throws with every bad key. */
export function validateConfig(input: Record<string, unknown>): RacedeskConfig {
  const value = Value.Convert(ConfigSchema, Value.Default(ConfigSchema, structuredClone(input)));
  const problems = describeErrors(ConfigSchema, value);
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return value as RacedeskConfig;
}

/**
 * Reads the configuration: `racedesk.config.json` (or the file named by RACEDESK_CONFIG) for
 * non-secret settings, then the environment on top. Invalid config stops the boot.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): RacedeskConfig {
  const explicit = pick(env, 'RACEDESK_CONFIG');
  const path = resolve(cwd, explicit ?? 'racedesk.config.json');
  const file = explicit || existsSync(path) ? readFile(path) : {};
  const fromEnvironment = fromEnv(env);
  const merged: Record<string, unknown> = {
    ...file,
    ...fromEnvironment,
    services: { ...(file.services as object), ...(fromEnvironment.services as object) },
  };
  return validateConfig(merged);
}
