import { Type } from 'typebox';
import { forbidden } from '../errors.js';
import { ErrorResponse } from '../http/error-shape.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { User, userView } from '../users/user-schemas.js';
import { OrgRoleSchema } from './roles.js';

const Me = Type.Object({
  user: Type.Union([User, Type.Null()], { description: 'Null for an instance token made by the CLI' }),
  superadmin: Type.Boolean(),
  csrfToken: Type.Union([Type.String(), Type.Null()], {
    description: 'Send as x-csrf-token on cookie-authenticated writes',
  }),
  memberships: Type.Array(
    Type.Object({
      org: Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() }),
      role: OrgRoleSchema,
    }),
  ),
  token: Type.Union([
    Type.Object({
      id: Type.Integer(),
      orgId: Type.Union([Type.Integer(), Type.Null()]),
      role: Type.Union([OrgRoleSchema, Type.Null()]),
    }),
    Type.Null(),
  ]),
});

/** `GET /api/v1/me`: who the caller is, their orgs and roles, and the CSRF token of their session; `PATCH` their time zone. */
export async function meRoutes(app: RacedeskApp): Promise<void> {
  const { db, users } = app.racedesk;
  app.get(
    '/api/v1/me',
    { config: { auth: 'user' }, schema: { tags: ['auth'], summary: 'The caller', response: { 200: Me } } },
    async (request) => {
      const caller = request.racedesk;
      const user = caller.userId !== null ? await users.byId(caller.userId) : undefined;
      const memberships = user
        ? await db('org_members')
            .join('organizations', 'organizations.id', 'org_members.org_id')
            .where('org_members.user_id', user.id)
            .orderBy('organizations.slug')
            .select('organizations.id', 'organizations.slug', 'organizations.name', 'org_members.role')
        : [];
      return {
        user: user ? userView(user) : null,
        superadmin: caller.superadmin,
        csrfToken: caller.session?.csrfToken ?? null,
        memberships: memberships.map((m) => ({
          org: { id: m.id, slug: m.slug, name: m.name },
          role: m.role,
        })),
        token: caller.token
          ? { id: caller.token.id, orgId: caller.token.orgId, role: caller.token.roleCeiling }
          : null,
      };
    },
  );

  app.patch(
    '/api/v1/me',
    {
      config: { auth: 'user' },
      schema: {
        tags: ['auth'],
        summary: 'Change your own account: the time zone times are shown in (IANA, e.g. Europe/Berlin)',
        body: Type.Object(
          { timezone: Type.String({ minLength: 1, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: { 200: User, 400: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      const caller = request.racedesk;
      if (caller.userId === null)
        throw forbidden('RD_ME_NO_USER', 'This token belongs to no user; there is no account to change');
      return userView(await users.setTimeZone(caller.userId, request.body.timezone, caller.actor));
    },
  );
}
