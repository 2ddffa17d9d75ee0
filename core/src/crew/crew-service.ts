import type { Knex } from 'knex';
import { type Static, Type } from 'typebox';
import type { Actor } from '../actor.js';
import { roleAtLeast } from '../auth/roles.js';
import type { Database } from '../db/connect.js';
import { conflict, forbidden, notFound, unprocessable } from '../errors.js';
import { Timestamp } from '../http/timestamp.js';
import type { Automation } from '../matches/automation.js';
import { type DomainDeps, inTransaction, requireRole } from '../tournaments/domain-deps.js';
import { CrewApproved, CrewRemoved, CrewSignedUp, CrewUnapproved } from './crew-events.js';

/** Crew roles. */
export const CrewRole = Type.Union([
  Type.Literal('commentator'),
  Type.Literal('tracker'),
  Type.Literal('restreamer'),
]);
/** A crew role. */
export type CrewRoleName = Static<typeof CrewRole>;
/** A crew member in API responses. */
export const CrewMember = Type.Object(
  {
    id: Type.Integer(),
    matchId: Type.Integer(),
    userId: Type.Integer(),
    displayName: Type.String(),
    role: CrewRole,
    approved: Type.Boolean(),
    createdAt: Timestamp,
  },
  { title: 'CrewMember' },
);
/** A crew member as services return it. */
export type CrewView = Static<typeof CrewMember>;

interface Row {
  id: number;
  match_id: number;
  user_id: number;
  role: CrewRoleName;
  approved: boolean;
  created_at: Date;
  display_name: string | null;
  discord_username: string | null;
}
const view = (r: Row): CrewView => ({
  id: r.id,
  matchId: r.match_id,
  userId: r.user_id,
  displayName: r.display_name ?? r.discord_username ?? `user ${r.user_id}`,
  role: r.role,
  approved: r.approved,
  createdAt: r.created_at,
});
type Executor = Database | Knex.Transaction;
const ref = (c: CrewView) => ({
  crew: { id: c.id, matchId: c.matchId, userId: c.userId, role: c.role, approved: c.approved },
});

/**
 * Crew of matches: members sign themselves up (pending); moderators add (approved), approve and remove.
 * Each change runs in one transaction with the match row locked, so concurrent changes of one
 * match's crew are serialized and every change is written, audited and announced together or not at all.
 */
export function createCrewService({ db, clock, bus, audit }: DomainDeps, automation: Automation) {
  const select = (executor: Executor = db) =>
    executor('match_crew as c')
      .join('users as u', 'u.id', 'c.user_id')
      .whereNull('c.removed_at')
      .select('c.*', 'u.display_name', 'u.discord_username');
  /** The match of the org, locked until the transaction ends. */
  const lockedMatch = async (trx: Knex.Transaction, orgId: number, matchId: number) => {
    const m = await trx('matches')
      .where({ id: matchId, org_id: orgId })
      .forUpdate()
      .first('id', 'cancelled_at');
    if (!m) throw notFound('RD_MATCH_NOT_FOUND', `No match ${matchId}`);
    return m as { id: number; cancelled_at: Date | null };
  };
  const one = async (trx: Knex.Transaction, matchId: number, crewId: number) => {
    const row = (await select(trx).where({ 'c.id': crewId, 'c.match_id': matchId }).first()) as
      | Row
      | undefined;
    if (!row) throw notFound('RD_CREW_NOT_FOUND', `No crew sign-up ${crewId} on this match`);
    return view(row);
  };
  const record = async (
    trx: Knex.Transaction,
    orgId: number,
    actor: Actor,
    crew: CrewView,
    action: 'signed_up' | 'approved' | 'unapproved' | 'removed',
  ) =>
    audit.record(
      {
        actor,
        orgId,
        action: `crew.${action}`,
        target: { type: 'match', id: crew.matchId },
        details: ref(crew).crew,
      },
      trx,
    );

  const service = {
    /** Active crew of some matches, by match id. */
    async ofMatches(matchIds: number[], trx?: Knex.Transaction): Promise<CrewView[]> {
      if (!matchIds.length) return [];
      return ((await select(trx).whereIn('c.match_id', matchIds).orderBy('c.id')) as Row[]).map(view);
    },

    /** Signs `userId` up as `role`: pending for oneself, approved when a moderator adds someone. */
    async signUp(
      orgId: number,
      matchId: number,
      spec: { role: CrewRoleName; userId?: number },
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<CrewView> {
      const role = await requireRole(db, actor, orgId, 'member');
      const self = actor.kind === 'user' ? actor.userId : undefined;
      const userId = spec.userId ?? self;
      const moderator = roleAtLeast(role, 'moderator');
      if (!userId) throw unprocessable('RD_CREW_WHO', 'Say which user to add (userId)');
      if (userId !== self && !moderator)
        throw forbidden('RD_ROLE_TOO_LOW', 'Only moderators add other people as crew');
      return inTransaction(db, trx, async (t) => {
        const match = await lockedMatch(t, orgId, matchId);
        if (match.cancelled_at) throw conflict('RD_MATCH_CANCELLED', 'The match is cancelled');
        await automation.assertFree(matchId, 'crew', actor, t);
        if (!(await t('users').where({ id: userId }).whereNull('merged_into_id').first('id')))
          throw unprocessable('RD_USER_NOT_FOUND', `No user ${userId}`);
        const now = clock.now();
        const approved = moderator && userId !== self;
        const [row] = await t('match_crew')
          .insert({
            match_id: matchId,
            user_id: userId,
            role: spec.role,
            approved,
            approved_by: approved && self ? self : null,
            approved_at: approved ? now : null,
            created_at: now,
          })
          .onConflict(t.raw('(match_id, user_id, role) where removed_at is null'))
          .ignore()
          .returning('id');
        if (!row) throw conflict('RD_CREW_DUPLICATE', `User ${userId} is signed up as ${spec.role} already`);
        const crew = await one(t, matchId, row.id);
        await record(t, orgId, actor, crew, 'signed_up');
        await bus.emit(CrewSignedUp, ref(crew), { actor, orgId }, t);
        if (approved) await bus.emit(CrewApproved, ref(crew), { actor, orgId }, t);
        return crew;
      });
    },

    /** Approves or withdraws approval (moderators); no change, no event. */
    async setApproved(
      orgId: number,
      matchId: number,
      crewId: number,
      approved: boolean,
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<CrewView> {
      await requireRole(db, actor, orgId, 'moderator');
      return inTransaction(db, trx, async (t) => {
        await lockedMatch(t, orgId, matchId);
        const before = await one(t, matchId, crewId);
        await automation.assertFree(matchId, 'crew', actor, t);
        if (before.approved === approved) return before;
        await t('match_crew')
          .where({ id: crewId })
          .update({
            approved,
            approved_by: approved && actor.kind === 'user' ? actor.userId : null,
            approved_at: approved ? clock.now() : null,
          });
        const crew = { ...before, approved };
        await record(t, orgId, actor, crew, approved ? 'approved' : 'unapproved');
        await bus.emit(approved ? CrewApproved : CrewUnapproved, ref(crew), { actor, orgId }, t);
        return crew;
      });
    },

    /** Removes a sign-up (the person themself, or a moderator); the row is kept with `removed_at`. */
    async remove(
      orgId: number,
      matchId: number,
      crewId: number,
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<void> {
      const role = await requireRole(db, actor, orgId, 'member');
      await inTransaction(db, trx, async (t) => {
        await lockedMatch(t, orgId, matchId);
        const crew = await one(t, matchId, crewId);
        const self = actor.kind === 'user' && actor.userId === crew.userId;
        if (!self && !roleAtLeast(role, 'moderator'))
          throw forbidden('RD_ROLE_TOO_LOW', 'Only moderators remove other crew');
        await automation.assertFree(matchId, 'crew', actor, t);
        await t('match_crew').where({ id: crewId }).update({ removed_at: clock.now() });
        await record(t, orgId, actor, crew, 'removed');
        await bus.emit(CrewRemoved, ref(crew), { actor, orgId }, t);
      });
    },
  };
  return service;
}

/** The crew service. */
export type CrewService = ReturnType<typeof createCrewService>;
