import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { type OrgRole, roleAtLeast } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { conflict, forbidden, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import type { UserService } from '../users/user-service.js';
import { MemberAdded, MemberRemoved, MemberRoleChanged } from './org-events.js';
import type { OrgRef } from './org-repository.js';

/** Who is changing memberships: their actor and their role in the org. */
export interface MemberChanger {
  actor: Actor;
  role: OrgRole;
  userId: number | null;
}

/** The columns a member list selects; `paginate` orders by user id. */
const memberColumns = [
  'org_members.user_id',
  'org_members.role',
  'org_members.joined_at',
  'users.discord_id',
  'users.discord_username',
  'users.display_name',
];

/** `text` as a LIKE pattern matching it anywhere, its `%`, `_` and `\` taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Narrows a member list to `search`: display name or Discord username containing it, or the user id. */
function whereMatches(query: Knex.QueryBuilder, search: string): void {
  const pattern = containing(search);
  query.where((w) => {
    w.whereRaw(`users.display_name ilike ? escape '\\'`, [pattern]).orWhereRaw(
      `users.discord_username ilike ? escape '\\'`,
      [pattern],
    );
    // Up to 18 digits always fits a bigint id; longer digit strings are names (or Discord ids) only.
    if (/^[0-9]{1,18}$/.test(search)) w.orWhere('users.id', search);
  });
}

/**
 * Memberships. Rules: nobody grants a role above their own or touches a member above them, and
 * an org always keeps an owner.
 */
export function createMemberService(
  db: Database,
  clock: Clock,
  bus: EventBus,
  audit: AuditLog,
  users: UserService,
) {
  const current = async (trx: Knex.Transaction, org: OrgRef, userId: number) => {
    const row = await trx('org_members').where({ org_id: org.id, user_id: userId }).forUpdate().first('role');
    if (!row) throw notFound('RD_MEMBER_NOT_FOUND', `User ${userId} is not a member of this organization`);
    return row.role as OrgRole;
  };
  const mayGrant = (by: MemberChanger, role: OrgRole) => {
    if (!roleAtLeast(by.role, role))
      throw forbidden('RD_ROLE_TOO_LOW', `Only a ${role} or higher can do this for a ${role}`);
  };
  const keepsAnOwner = async (trx: Knex.Transaction, org: OrgRef, userId: number) => {
    const owners = await trx('org_members')
      .where({ org_id: org.id, role: 'owner' })
      .whereNot({ user_id: userId })
      .count({ n: '*' });
    if (Number(owners[0]?.n ?? 0) === 0)
      throw conflict('RD_MEMBER_LAST_OWNER', 'An organization must keep at least one owner');
  };
  const event = (org: OrgRef, by: MemberChanger) => ({ actor: by.actor, orgId: org.id });

  return {
    /** The org's members, narrowed to those matching `search` (already trimmed) when given. */
    listQuery(orgId: number, search?: string) {
      const query = db('org_members')
        .join('users', 'users.id', 'org_members.user_id')
        .where('org_members.org_id', orgId)
        .select(memberColumns);
      if (search) whereMatches(query, search);
      return query;
    },

    /** Adds a user by Discord id (creating the user if they never signed in). */
    async add(org: OrgRef, spec: { discordId: string; role: OrgRole }, by: MemberChanger) {
      mayGrant(by, spec.role);
      return db.transaction(async (trx) => {
        const user = await users.ensureByDiscordId(spec.discordId, trx);
        const now = clock.now();
        const inserted = await trx('org_members')
          .insert({ org_id: org.id, user_id: user.id, role: spec.role, joined_at: now, updated_at: now })
          .onConflict(['org_id', 'user_id'])
          .ignore()
          .returning('user_id');
        if (inserted.length === 0) throw conflict('RD_MEMBER_EXISTS', 'That user is already a member');
        await audit.record(
          {
            ...event(org, by),
            action: 'member.added',
            target: { type: 'user', id: user.id },
            details: { role: spec.role },
          },
          trx,
        );
        await bus.emit(MemberAdded, { userId: user.id, role: spec.role }, event(org, by), trx);
        return user.id;
      });
    },

    async changeRole(org: OrgRef, userId: number, role: OrgRole, by: MemberChanger): Promise<void> {
      await db.transaction(async (trx) => {
        const before = await current(trx, org, userId);
        mayGrant(by, before);
        mayGrant(by, role);
        if (before === role) return;
        if (before === 'owner') await keepsAnOwner(trx, org, userId);
        await trx('org_members')
          .where({ org_id: org.id, user_id: userId })
          .update({ role, updated_at: clock.now() });
        await audit.record(
          {
            ...event(org, by),
            action: 'member.role_changed',
            target: { type: 'user', id: userId },
            details: { from: before, to: role },
          },
          trx,
        );
        await bus.emit(MemberRoleChanged, { userId, role }, event(org, by), trx);
      });
    },

    /** Removes a member; admins remove others, anyone may leave. */
    async remove(org: OrgRef, userId: number, by: MemberChanger): Promise<void> {
      await db.transaction(async (trx) => {
        const before = await current(trx, org, userId);
        if (by.userId !== userId) {
          if (!roleAtLeast(by.role, 'admin'))
            throw forbidden('RD_ROLE_TOO_LOW', 'Only admins remove other members');
          mayGrant(by, before);
        }
        if (before === 'owner') await keepsAnOwner(trx, org, userId);
        await trx('org_members').where({ org_id: org.id, user_id: userId }).del();
        await audit.record(
          {
            ...event(org, by),
            action: 'member.removed',
            target: { type: 'user', id: userId },
            details: { role: before },
          },
          trx,
        );
        await bus.emit(MemberRemoved, { userId, role: before }, event(org, by), trx);
      });
    },
  };
}

/** The membership service. */
export type MemberService = ReturnType<typeof createMemberService>;
