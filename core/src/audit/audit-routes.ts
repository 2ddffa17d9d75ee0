import { Type } from 'typebox';
import { Page, PageQuery, paginate } from '../http/pagination.js';
import { Timestamp } from '../http/timestamp.js';
import { OrgParams } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';

const tags = ['audit'];

const AuditEntry = Type.Object(
  {
    id: Type.Integer(),
    orgId: Type.Union([Type.Integer(), Type.Null()]),
    actor: Type.Unknown({ description: '{ kind: user | system | anonymous, ... }' }),
    actorName: Type.Union([Type.String(), Type.Null()], {
      description: "The acting user's display name now (null for system and anonymous actors)",
    }),
    action: Type.String(),
    target: Type.Union([Type.Object({ type: Type.String(), id: Type.String() }), Type.Null()]),
    details: Type.Unknown(),
    createdAt: Timestamp,
  },
  { title: 'AuditEntry' },
);

const AuditQuery = Type.Intersect([
  PageQuery,
  Type.Object({
    action: Type.Optional(Type.String({ maxLength: 100, description: 'Only this action' })),
    targetType: Type.Optional(
      Type.String({ maxLength: 50, description: 'Only entries about this kind, e.g. match' }),
    ),
    targetId: Type.Optional(
      Type.String({ maxLength: 100, description: 'With targetType: only entries about this one, e.g. 12' }),
    ),
  }),
]);

interface AuditRow {
  id: number;
  org_id: number | null;
  actor: unknown;
  actor_name: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: unknown;
  created_at: Date;
}

const view = (r: AuditRow) => ({
  id: r.id,
  orgId: r.org_id,
  actor: r.actor,
  actorName: r.actor_name,
  action: r.action,
  target: r.target_type ? { type: r.target_type, id: r.target_id ?? '' } : null,
  details: r.details,
  createdAt: r.created_at,
});

/** The audit log: per organization (admins) and instance-wide (superadmins), newest first. */
export async function auditRoutes(app: RacedeskApp): Promise<void> {
  const { db } = app.racedesk;
  const list = async (
    orgId: number | null,
    query: { limit?: number; cursor?: string; action?: string; targetType?: string; targetId?: string },
  ) => {
    // The name as it is now, so entries of a renamed user read as that user.
    const q = db('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.user_id')
      .select('a.*', db.raw("coalesce(u.display_name, u.discord_username, 'user ' || u.id) as actor_name"));
    if (orgId !== null) q.where({ 'a.org_id': orgId });
    if (query.action) q.where({ 'a.action': query.action });
    if (query.targetType) q.where({ 'a.target_type': query.targetType });
    if (query.targetId) q.where({ 'a.target_id': query.targetId });
    const page = await paginate<AuditRow>(q, query, { columns: ['a.id'], direction: 'desc' });
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  };

  app.get(
    '/api/v1/orgs/:org/audit',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary: "The organization's audit log",
        params: OrgParams,
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry) },
      },
    },
    async (request) => list(request.racedesk.org!.id, request.query),
  );

  app.get(
    '/api/v1/audit',
    {
      config: { auth: 'superadmin' },
      schema: {
        tags,
        summary: 'The whole audit log (superadmin)',
        querystring: AuditQuery,
        response: { 200: Page(AuditEntry) },
      },
    },
    async (request) => list(null, request.query),
  );
}
