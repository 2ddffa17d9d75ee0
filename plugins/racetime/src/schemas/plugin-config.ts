import { type Static, Type } from 'typebox';

/** `plugins.racetime` in racedesk.config.json. Unset URLs and credentials fall back to the RACEDESK_* env. */
export const RacetimeConfig = Type.Object({
  racetimeUrl: Type.Optional(
    Type.String({
      description: 'racetime.gg base URL; default RACEDESK_RACETIME_URL or https://racetime.gg',
    }),
  ),
  publicUrl: Type.Optional(
    Type.String({
      description: 'Public URL of this instance for the OAuth callback; default RACEDESK_PUBLIC_URL',
    }),
  ),
  oauthClientId: Type.Optional(
    Type.String({ description: 'User-login app for account linking; default RACEDESK_RACETIME_CLIENT_ID' }),
  ),
  oauthClientSecret: Type.Optional(
    Type.String({ description: 'Its secret; default RACEDESK_RACETIME_CLIENT_SECRET' }),
  ),
  instanceId: Type.Optional(
    Type.String({ description: 'Name of this instance in room leases; default host name and process id' }),
  ),
  leaseSeconds: Type.Integer({
    minimum: 5,
    maximum: 600,
    default: 30,
    description: 'A room socket lease not renewed for this long is taken over by another instance',
  }),
  requestTimeoutMs: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 10_000,
    description: 'Timeout of each request to racetime.gg',
  }),
});

/** The validated plugin configuration. */
export type RacetimeConfigValue = Static<typeof RacetimeConfig>;
