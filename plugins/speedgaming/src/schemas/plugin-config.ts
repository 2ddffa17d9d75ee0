import { type Static, Type } from 'typebox';

/** `plugins.speedgaming` in racedesk.config.json. */
export const SpeedGamingConfig = Type.Object({
  speedgamingUrl: Type.Optional(
    Type.String({
      description: 'SpeedGaming base URL; default RACEDESK_SPEEDGAMING_URL or https://speedgaming.org',
    }),
  ),
  requestTimeoutMs: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 15_000,
    description: 'Per-request limit',
  }),
  requestAttempts: Type.Integer({
    minimum: 1,
    maximum: 5,
    default: 3,
    description:
      'Tries per request within one import (jittered backoff between them); failed imports retry next run',
  }),
  maxBackoff: Type.Integer({
    minimum: 60,
    maximum: 86_400,
    default: 3600,
    description: 'Seconds: after failed imports the next try waits interval x 2^failures, at most this long',
  }),
});
/** The plugin's instance config. */
export type SpeedGamingConfigValue = Static<typeof SpeedGamingConfig>;
