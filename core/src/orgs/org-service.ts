import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Caller } from '../auth/request-context.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { conflict } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { type PageOf, paginate } from '../http/pagination.js';
import { checkTimeZone } from '../time/time-zone.js';
import { OrgCreated } from './org-events.js';
import { type OrgRef, toOrg } from './org-repository.js';

/** Fields of a new organization. */
export interface NewOrg {
  slug: string;
  name: string;
  description?: string;
  timezone?: string;
}

/** Fields an admin may change. */
export type OrgPatch = Partial<Omit<NewOrg, 'slug'>>;

/** Organizations: creation (the creator becomes owner), listing what a caller may see, updates. */
export function createOrgService(db: Database, clock: Clock, bus: EventBus, audit: AuditLog) {
  return {
    async create(spec: NewOrg, actor: Actor): Promise<OrgRef> {
      checkTimeZone(spec.timezone);
      return db.transaction(async (trx) => {
        const now = clock.now();
        const [row] = await trx('organizations')
          .insert({
            slug: spec.slug,
            name: spec.name,
            description: spec.description ?? '',
            time_zone: spec.timezone ?? 'UTC',
            created_at: now,
            updated_at: now,
          })
          .onConflict('slug')
          .ignore()
          .returning('*');
        if (!row) throw conflict('RD_ORG_SLUG_TAKEN', `The slug "${spec.slug}" is taken`);
        const org = toOrg(row);
        if (actor.kind === 'user') {
          await trx('org_members').insert({
            org_id: org.id,
            user_id: actor.userId,
            role: 'owner',
            joined_at: now,
            updated_at: now,
          });
        }
        await audit.record(
          {
            actor,
            orgId: org.id,
            action: 'org.created',
            target: { type: 'org', id: org.id },
            details: { slug: org.slug },
          },
          trx,
        );
        await bus.emit(OrgCreated, { slug: org.slug }, { actor, orgId: org.id }, trx);
        return org;
      });
    },

    /** The orgs a caller belongs to (every org for superadmins; the token's org for org tokens), by slug. */
    async listFor(caller: Caller, page: { limit?: number; cursor?: string }): Promise<PageOf<OrgRef>> {
      const query = db('organizations').select('organizations.*');
      if (!caller.superadmin) {
        query
          .join('org_members', 'org_members.org_id', 'organizations.id')
          .where('org_members.user_id', caller.userId ?? -1);
        if (caller.token?.orgId != null) query.where('organizations.id', caller.token.orgId);
      }
      const result = await paginate<Parameters<typeof toOrg>[0]>(query, page, {
        columns: ['organizations.slug'],
        direction: 'asc',
      });
      return { items: result.items.map(toOrg), nextCursor: result.nextCursor };
    },

    async update(org: OrgRef, patch: OrgPatch, actor: Actor): Promise<OrgRef> {
      checkTimeZone(patch.timezone);
      return db.transaction(async (trx) => {
        const [row] = await trx('organizations')
          .where({ id: org.id })
          .update({
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.description !== undefined ? { description: patch.description } : {}),
            ...(patch.timezone !== undefined ? { time_zone: patch.timezone } : {}),
            updated_at: clock.now(),
          })
          .returning('*');
        await audit.record(
          {
            actor,
            orgId: org.id,
            action: 'org.updated',
            target: { type: 'org', id: org.id },
            details: patch,
          },
          trx,
        );
        return toOrg(row);
      });
    },
  };
}

/** The organization service. */
export type OrgService = ReturnType<typeof createOrgService>;
