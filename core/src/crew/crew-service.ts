import type { Knex } from 'knex';
import { type Static, Type } from 'typebox';
import type { Actor } from '../actor.js';
import { roleAtLeast } from '../auth/roles.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { Timestamp } from '../http/timestamp.js';
import type { Automation } from '../matches/automation.js';
import { type DomainDeps, requireRole } from '../tournaments/domain-deps.js';
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
const ref = (c: CrewView) => ({
  crew: { id: c.id, matchId: c.matchId, userId: c.userId, role: c.role, approved: c.approved },
});

/** Crew of matches: members sign themselves up (pending); moderators add (approved), approve and remove. */
export function createCrewService({ db, clock, bus, audit }: DomainDeps, automation: Automation) {
  // Takes the transaction when reading a row it just wrote (not visible outside it yet).
  const select = (executor: typeof db | Knex.Transaction = db) =>
    executor('match_crew as c')
      .join('users as u', 'u.id', 'c.user_id')
      .whereNull('c.removed_at')
      .select('c.*', 'u.display_name', 'u.discord_username');
  const matchOrg = async (orgId: number, matchId: number) => {
    const m = await db('matches').where({ id: matchId, org_id: orgId }).first('id', 'cancelled_at');
    if (!m) throw notFound('RD_MATCH_NOT_FOUND', `No match ${matchId}`);
    return m;
  };
  const one = async (orgId: number, matchId: number, crewId: number) => {
    await matchOrg(orgId, matchId);
    const row = (await select().where({ 'c.id': crewId, 'c.match_id': matchId }).first()) as Row | undefined;
    if (!row) throw notFound('RD_CREW_NOT_FOUND', `No crew sign-up ${crewId} on this match`);
    return view(row);
  };

  const service = {
    /** Active crew of some matches, by match id. */
    async ofMatches(matchIds: number[]): Promise<CrewView[]> {
      if (!matchIds.length) return [];
      return ((await select().whereIn('c.match_id', matchIds).orderBy('c.id')) as Row[]).map(view);
    },

    /** Signs `userId` up as `role`: pending for oneself, approved when a moderator adds someone. */
    async signUp(
      orgId: number,
      matchId: number,
      spec: { role: CrewRoleName; userId?: number },
      actor: Actor,
    ): Promise<CrewView> {
      const role = await requireRole(db, actor, orgId, 'member');
      const self = actor.kind === 'user' ? actor.userId : undefined;
      const userId = spec.userId ?? self;
      const moderator = roleAtLeast(role, 'moderator');
      if (!userId) throw forbidden('RD_CREW_WHO', 'Say which user to add');
      if (userId !== self && !moderator)
        throw forbidden('RD_ROLE_TOO_LOW', 'Only moderators add other people as crew');
      const match = await matchOrg(orgId, matchId);
      if (match.cancelled_at) throw conflict('RD_MATCH_CANCELLED', 'The match is cancelled');
      await automation.assertFree(matchId, 'crew', actor);
      if (!(await db('users').where({ id: userId }).first('id')))
        throw notFound('RD_USER_NOT_FOUND', `No user ${userId}`);
      return db.transaction(async (trx) => {
        const now = clock.now();
        const approved = moderator && userId !== self;
        const [row] = await trx('match_crew')
          .insert({
            match_id: matchId,
            user_id: userId,
            role: spec.role,
            approved,
            approved_by: approved && self ? self : null,
            approved_at: approved ? now : null,
            created_at: now,
          })
          .onConflict(trx.raw('(match_id, user_id, role) where removed_at is null'))
          .ignore()
          .returning('id');
        if (!row) throw conflict('RD_CREW_DUPLICATE', `User ${userId} is signed up as ${spec.role} already`);
        const crew = view((await select(trx).where('c.id', row.id).first()) as Row);
        await audit.record(
          {
            actor,
            orgId,
            action: 'crew.signed_up',
            target: { type: 'match', id: matchId },
            details: ref(crew).crew,
          },
          trx,
        );
        await bus.emit(CrewSignedUp, ref(crew), { actor, orgId }, trx);
        if (approved) await bus.emit(CrewApproved, ref(crew), { actor, orgId }, trx);
        return crew;
      });
    },

    /** Approves or withdraws approval (moderators). */
    async setApproved(
      orgId: number,
      matchId: number,
      crewId: number,
      approved: boolean,
      actor: Actor,
    ): Promise<CrewView> {
      await requireRole(db, actor, orgId, 'moderator');
      const before = await one(orgId, matchId, crewId);
      await automation.assertFree(matchId, 'crew', actor);
      if (before.approved === approved) return before;
      return db.transaction(async (trx) => {
        await trx('match_crew')
          .where({ id: crewId })
          .update({
            approved,
            approved_by: approved && actor.kind === 'user' ? actor.userId : null,
            approved_at: approved ? clock.now() : null,
          });
        const crew = { ...before, approved };
        await audit.record(
          {
            actor,
            orgId,
            action: approved ? 'crew.approved' : 'crew.unapproved',
            target: { type: 'match', id: matchId },
            details: ref(crew).crew,
          },
          trx,
        );
        await bus.emit(approved ? CrewApproved : CrewUnapproved, ref(crew), { actor, orgId }, trx);
        return crew;
      });
    },

    /** Removes a sign-up (the person themself, or a moderator); the row is kept with `removed_at`. */
    async remove(orgId: number, matchId: number, crewId: number, actor: Actor): Promise<void> {
      const role = await requireRole(db, actor, orgId, 'member');
      const crew = await one(orgId, matchId, crewId);
      const self = actor.kind === 'user' && actor.userId === crew.userId;
      if (!self && !roleAtLeast(role, 'moderator'))
        throw forbidden('RD_ROLE_TOO_LOW', 'Only moderators remove other crew');
      await automation.assertFree(matchId, 'crew', actor);
      await db.transaction(async (trx) => {
        await trx('match_crew').where({ id: crewId }).update({ removed_at: clock.now() });
        await audit.record(
          {
            actor,
            orgId,
            action: 'crew.removed',
            target: { type: 'match', id: matchId },
            details: ref(crew).crew,
          },
          trx,
        );
        await bus.emit(CrewRemoved, ref(crew), { actor, orgId }, trx);
      });
    },
  };
  return service;
}

/** The crew service. */
export type CrewService = ReturnType<typeof createCrewService>;
