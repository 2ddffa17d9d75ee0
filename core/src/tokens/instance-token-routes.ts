import { Type } from 'typebox';
import { Page, PageQuery, paginate } from '../http/pagination.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { TokenInfo } from './token-routes.js';
import { toTokenInfo } from './token-service.js';

const tags = ['tokens'];

/**
 * Personal superadmin tokens for instance administration: `POST/GET /api/v1/tokens`,
 * `DELETE /api/v1/tokens/:tokenId`. The same tokens `racedesk token create --superadmin` prints.
 */
export async function instanceTokenRoutes(app: RacedeskApp): Promise<void> {
  const { tokens } = app.racedesk;

  app.post(
    '/api/v1/tokens',
    {
      config: { auth: 'superadmin' },
      schema: {
        tags,
        summary: 'Create a superadmin token for instance administration; shown only in this response',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Intersect([TokenInfo, Type.Object({ token: Type.String({ description: 'rd_...' }) })]),
        },
      },
    },
    async (request, reply) => {
      const { userId, actor } = request.racedesk;
      const { token, info } = await tokens.create(
        {
          name: request.body.name,
          userId,
          orgId: null,
          role: null,
          superadmin: true,
          expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
        },
        actor,
      );
      return reply.status(201).send({ ...info, token });
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      config: { auth: 'superadmin' },
      schema: {
        tags,
        summary: 'Superadmin tokens of the instance (never the tokens themselves)',
        querystring: PageQuery,
        response: { 200: Page(TokenInfo) },
      },
    },
    async (request) => {
      const page = await paginate<Parameters<typeof toTokenInfo>[0]>(
        tokens.instanceListQuery(),
        request.query,
        { columns: ['id'], direction: 'desc' },
      );
      return { items: page.items.map(toTokenInfo), nextCursor: page.nextCursor };
    },
  );

  app.delete(
    '/api/v1/tokens/:tokenId',
    {
      config: { auth: 'superadmin' },
      schema: {
        tags,
        summary: 'Revoke a superadmin token',
        params: Type.Object({ tokenId: Type.Integer({ minimum: 1 }) }),
        response: { 200: TokenInfo },
      },
    },
    async (request) => tokens.revoke(null, request.params.tokenId, request.racedesk.actor),
  );
}
