import { Type } from 'typebox';
import { OrgRoleSchema, roleAtLeast } from '../auth/roles.js';
import { forbidden } from '../errors.js';
import { Page, PageQuery, paginate } from '../http/pagination.js';
import { NullableTimestamp, Timestamp } from '../http/timestamp.js';
import { OrgParams, Slug } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { toTokenInfo } from './token-service.js';

const tags = ['tokens'];

export const TokenInfo = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    prefix: Type.String({ description: 'First characters of the token' }),
    userId: Type.Union([Type.Integer(), Type.Null()]),
    role: Type.Union([OrgRoleSchema, Type.Null()]),
    createdAt: Timestamp,
    lastUsedAt: NullableTimestamp,
    expiresAt: NullableTimestamp,
    revokedAt: NullableTimestamp,
  },
  { title: 'ApiToken' },
);

/** API tokens of an organization: `POST/GET .../tokens`, `DELETE .../tokens/:tokenId`. */
export async function tokenRoutes(app: RacedeskApp): Promise<void> {
  const { tokens } = app.racedesk;

  app.post(
    '/api/v1/orgs/:org/tokens',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary: 'Create an API token for scripts; the token is shown only in this response',
        params: OrgParams,
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 100 }),
            role: OrgRoleSchema,
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
      const { org, role, userId, actor } = request.racedesk;
      if (userId === null)
        throw forbidden('RD_TOKEN_NEEDS_USER', 'Organization tokens belong to a user; sign in to create one');
      if (!roleAtLeast(role, request.body.role)) {
        throw forbidden('RD_ROLE_TOO_LOW', 'A token cannot have a stronger role than its creator');
      }
      const { token, info } = await tokens.create(
        {
          name: request.body.name,
          userId,
          orgId: org!.id,
          role: request.body.role,
          expiresAt: request.body.expiresAt ? new Date(request.body.expiresAt) : null,
        },
        actor,
      );
      return reply.status(201).send({ ...info, token });
    },
  );

  app.get(
    '/api/v1/orgs/:org/tokens',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary: 'API tokens of the organization (never the tokens themselves)',
        params: OrgParams,
        querystring: PageQuery,
        response: { 200: Page(TokenInfo) },
      },
    },
    async (request) => {
      const page = await paginate<Parameters<typeof toTokenInfo>[0]>(
        tokens.listQuery(request.racedesk.org!.id),
        request.query,
        {
          columns: ['id'],
          direction: 'desc',
        },
      );
      return { items: page.items.map(toTokenInfo), nextCursor: page.nextCursor };
    },
  );

  app.delete(
    '/api/v1/orgs/:org/tokens/:tokenId',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: Type.Object({ org: Slug, tokenId: Type.Integer({ minimum: 1 }) }),
        response: { 200: TokenInfo },
      },
    },
    async (request) =>
      tokens.revoke(request.racedesk.org!.id, request.params.tokenId, request.racedesk.actor),
  );
}
