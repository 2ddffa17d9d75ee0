import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { RacedeskApp } from '../plugins/contract.js';
import { CORE_VERSION } from '../plugins/manifest.js';
import { ErrorResponse } from './error-shape.js';

/** The OpenAPI document generated from every route's schemas: `/api/docs` (UI) and `/api/docs/json`. */
export async function registerOpenApi(app: RacedeskApp): Promise<void> {
  app.addSchema(ErrorResponse);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Racedesk API',
        version: CORE_VERSION,
        description:
          'Tournament automation for racing communities. Errors always have the shape ' +
          '`{ "error": { "code", "message", "details"? } }`; lists page with `limit` + `cursor` and return ' +
          '`{ items, nextCursor }`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'API token: `Authorization: Bearer rd_...`',
          },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'racedesk_session' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
}
