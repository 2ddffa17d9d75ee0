import type { FastifyError, FastifyInstance } from 'fastify';
import { RacedeskError } from '../errors.js';

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const fieldOf = (context: string | undefined, issue: ValidationIssue) => {
  const missing = issue.params?.missingProperty ?? issue.params?.requiredProperties;
  const path = `${issue.instancePath ?? ''}${missing ? `/${String(missing)}` : ''}`;
  return `${context ?? 'body'}${path}`;
};

/**
 * Turns every error into `{ error: { code, message, details? } }`. Validation problems list each
 * field; unexpected errors are logged with their stack and answered with a plain 500 and no stack.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | RacedeskError, request, reply) => {
    if (error instanceof RacedeskError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(error.statusCode).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation) {
      const issues = fastifyError.validation.map((v) => ({
        field: fieldOf(fastifyError.validationContext, v as ValidationIssue),
        message: v.message ?? 'is invalid',
      }));
      const summary = issues.map((i) => `${i.field} ${i.message}`).join('; ');
      return reply.status(400).send({
        error: { code: 'RD_VALIDATION', message: `Invalid request: ${summary}`, details: issues },
      });
    }
    const status = fastifyError.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({ error: { code: 'RD_INTERNAL', message: 'Internal server error' } });
    }
    return reply.status(status).send({
      error: { code: fastifyError.code ?? 'RD_BAD_REQUEST', message: fastifyError.message },
    });
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'RD_NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
