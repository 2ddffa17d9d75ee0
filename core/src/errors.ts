import createError from '@fastify/error';

/**
 * Every error Racedesk raises on purpose has a stable code (`RD_<AREA>_<WHAT>`) and an HTTP status.
 * The HTTP layer turns them into `{ error: { code, message, details? } }`.
 */
export class RacedeskError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 500,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RacedeskError';
  }
}

/** A request that is malformed or breaks a rule (400). */
export const badRequest = (code: string, message: string, details?: unknown) =>
  new RacedeskError(code, message, 400, details);
/** Well-formed input that fails validation of its meaning (422). */
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new RacedeskError(code, message, 422, details);
/** A resource that does not exist, or that the caller may not know exists (404). */
export const notFound = (code: string, message: string) => new RacedeskError(code, message, 404);
/** The caller is known but not allowed (403). */
export const forbidden = (code: string, message: string) => new RacedeskError(code, message, 403);
/** The caller is not authenticated (401). */
export const unauthorized = (code: string, message: string) => new RacedeskError(code, message, 401);
/** The request conflicts with the current state (409). */
export const conflict = (code: string, message: string, details?: unknown) =>
  new RacedeskError(code, message, 409, details);

/** Boot-time errors: the process refuses to start and says why. */
export const ConfigError = createError<[string]>('RD_CONFIG_INVALID', 'Invalid configuration:\n%s');
export const PluginManifestError = createError<[string]>('RD_PLUGIN_MANIFEST', '%s');
export const PluginDependencyError = createError<[string]>('RD_PLUGIN_DEPENDENCY', '%s');
export const DuplicateNameError = createError<[string]>('RD_PLUGIN_DUPLICATE_NAME', '%s');
