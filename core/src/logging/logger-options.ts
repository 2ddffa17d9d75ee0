import type { FastifyServerOptions } from 'fastify';

/** Paths never written to logs: credentials in headers and any secret-looking field. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.clientSecret',
  '*.client_secret',
  '*.secret',
  '*.secretKey',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.password',
  '*.botToken',
  '*.databaseUrl',
];

/** Logger options shared by the server and the CLI. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
}
