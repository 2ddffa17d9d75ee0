import { type Static, Type } from 'typebox';

const Url = (description: string, defaultValue?: string) =>
  Type.String({ format: 'uri', description, ...(defaultValue ? { default: defaultValue } : {}) });

/** The whole instance configuration, after env and `racedesk.config.json` are merged. */
export const ConfigSchema = Type.Object({
  databaseUrl: Type.Optional(
    Type.String({ description: 'PostgreSQL connection string (DATABASE_URL); absent: embedded PostgreSQL' }),
  ),
  dataDir: Type.String({
    description: 'Where the embedded database and generated files live (RACEDESK_DATA_DIR)',
    default: './.racedesk',
  }),
  embeddedPostgresPort: Type.Integer({
    minimum: 1,
    maximum: 65535,
    description: 'Port of the embedded PostgreSQL (RACEDESK_EMBEDDED_PG_PORT)',
    default: 54329,
  }),
  host: Type.String({ description: 'Interface to listen on (HOST)', default: '0.0.0.0' }),
  port: Type.Integer({ minimum: 0, maximum: 65535, description: 'HTTP port (PORT)', default: 3000 }),
  publicUrl: Url('Public base URL, used for OAuth callbacks (RACEDESK_PUBLIC_URL)', 'http://localhost:3000'),
  logLevel: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { description: 'Log level (LOG_LEVEL)', default: 'info' },
  ),
  secretKey: Type.Optional(
    Type.String({
      pattern: '^[0-9a-fA-F]{64}$',
      description:
        'Key that encrypts secrets at rest: 32 random bytes as 64 hex characters (RACEDESK_SECRET_KEY)',
    }),
  ),
  enabledPlugins: Type.Optional(
    Type.Array(Type.String({ pattern: '^[a-z][a-z0-9-]*$' }), {
      description: 'Installed plugins to load (RACEDESK_PLUGINS, comma-separated); default: all first-party',
    }),
  ),
  services: Type.Object(
    {
      racetimeUrl: Url('racetime.gg base URL (RACEDESK_RACETIME_URL)', 'https://racetime.gg'),
      speedgamingUrl: Url('SpeedGaming base URL (RACEDESK_SPEEDGAMING_URL)', 'https://speedgaming.org'),
      discordUrl: Url('Discord base URL (RACEDESK_DISCORD_URL)', 'https://discord.com'),
    },
    { default: {} },
  ),
  oauth: Type.Object(
    {
      discord: Type.Object(
        {
          clientId: Type.Optional(Type.String({ description: 'RACEDESK_DISCORD_CLIENT_ID' })),
          clientSecret: Type.Optional(Type.String({ description: 'RACEDESK_DISCORD_CLIENT_SECRET' })),
        },
        { default: {} },
      ),
      racetime: Type.Object(
        {
          clientId: Type.Optional(Type.String({ description: 'RACEDESK_RACETIME_CLIENT_ID' })),
          clientSecret: Type.Optional(Type.String({ description: 'RACEDESK_RACETIME_CLIENT_SECRET' })),
        },
        { default: {} },
      ),
    },
    { default: {} },
  ),
  discordBotToken: Type.Optional(
    Type.String({
      description: 'Instance Discord bot token (RACEDESK_DISCORD_BOT_TOKEN); wins over a stored one',
    }),
  ),
  webhooks: Type.Object(
    {
      allowHttpLoopback: Type.Boolean({
        description:
          'Allow http:// webhook URLs on loopback addresses (tests, local development); otherwise HTTPS only',
        default: false,
      }),
      timeoutMs: Type.Integer({
        minimum: 100,
        maximum: 60_000,
        description: 'Timeout of one webhook request',
        default: 10_000,
      }),
      disableAfterFailures: Type.Integer({
        minimum: 1,
        maximum: 1000,
        description: 'Consecutive failed deliveries after which an endpoint is turned off',
        default: 10,
      }),
    },
    { default: {} },
  ),
  plugins: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Per-plugin instance configuration, keyed by plugin id (racedesk.config.json only)',
    default: {},
  }),
});

/** The validated configuration every part of the core reads. */
export type RacedeskConfig = Static<typeof ConfigSchema>;
