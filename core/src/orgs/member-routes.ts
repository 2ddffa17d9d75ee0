import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type OrgRole, OrgRoleSchema } from '../auth/roles.js';
import { Page, paginate } from '../http/pagination.js';
import type { RacedeskApp } from '../plugins/contract.js';
import type { MemberChanger } from './member-service.js';
import { DiscordId, Member, MemberListQuery, OrgParams, Slug } from './org-schemas.js';

const tags = ['members'];
const MemberParams = Type.Object({ org: Slug, userId: Type.Integer({ minimum: 1 }) });

interface MemberRow {
  user_id: number;
  role: OrgRole;
  joined_at: Date;
  discord_id: string | null;
  discord_username: string | null;
  display_name: string | null;
}

const memberView = (r: MemberRow) => ({
  userId: r.user_id,
  role: r.role,
  discordId: r.discord_id,
  displayName: r.display_name ?? r.discord_username ?? `user ${r.user_id}`,
  joinedAt: r.joined_at,
});

/** Members of an organization: `GET/POST .../members`, `PATCH/DELETE .../members/:userId`. */
export async function memberRoutes(app: RacedeskApp): Promise<void> {
  const { members } = app.racedesk;
  const changer = (request: FastifyRequest): MemberChanger => ({
    actor: request.racedesk.actor,
    role: request.racedesk.role!,
    userId: request.racedesk.userId,
  });
  const one = async (orgId: number, userId: number) => {
    const row = (await members.listQuery(orgId).where('org_members.user_id', userId).first()) as MemberRow;
    return memberView(row);
  };

  app.get(
    '/api/v1/orgs/:org/members',
    {
      schema: {
        tags,
        summary: 'Members and their roles, optionally found by name, Discord username or user id',
        params: OrgParams,
        querystring: MemberListQuery,
        response: { 200: Page(Member) },
      },
    },
    async (request) => {
      const { q, ...page } = request.query;
      const query = members.listQuery(request.racedesk.org!.id, q?.trim());
      const found = await paginate<MemberRow>(query, page, {
        columns: ['org_members.user_id'],
        direction: 'asc',
      });
      return { items: found.items.map(memberView), nextCursor: found.nextCursor };
    },
  );

  app.post(
    '/api/v1/orgs/:org/members',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary: 'Add a member by Discord id (they need not have signed in yet)',
        params: OrgParams,
        body: Type.Object({ discordId: DiscordId, role: OrgRoleSchema }, { additionalProperties: false }),
        response: { 201: Member },
      },
    },
    async (request, reply) => {
      const org = request.racedesk.org!;
      const userId = await members.add(org, request.body, changer(request));
      return reply.status(201).send(await one(org.id, userId));
    },
  );

  app.patch(
    '/api/v1/orgs/:org/members/:userId',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary: "Change a member's role",
        params: MemberParams,
        body: Type.Object({ role: OrgRoleSchema }, { additionalProperties: false }),
        response: { 200: Member },
      },
    },
    async (request) => {
      const org = request.racedesk.org!;
      await members.changeRole(org, request.params.userId, request.body.role, changer(request));
      return one(org.id, request.params.userId);
    },
  );

  app.delete(
    '/api/v1/orgs/:org/members/:userId',
    {
      // Members may leave on their own; removing someone else needs admin (checked by the service).
      config: { minRole: 'member' },
      schema: {
        tags,
        summary: 'Remove a member, or leave',
        params: MemberParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await members.remove(request.racedesk.org!, request.params.userId, changer(request));
      return reply.status(204).send(null);
    },
  );
}
