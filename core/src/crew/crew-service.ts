import type { Knex } from 'knex';
import { type Static, Type } from 'typebox';
import type { Actor } from '../actor.js';
import { roleAtLeast } from '../auth/roles.js';
import type { Database } from '../db/connect.js';
import { conflict, forbidden, notFound, unprocessable } from '../errors.js';
import { emitAll } from '../events/emit-all.js';
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
/** Seats per insert statement of {@link signUpMany} (7 parameters each). */
const CHUNK = 5000;
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
  /** The matches of the org, locked in id order until the transaction ends. */
  const lockedMatches = async (trx: Knex.Transaction, orgId: number, matchIds: number[]) => {
    const rows = (await trx('matches')
      .where({ org_id: orgId })
      .whereRaw('id = any(?)', [matchIds])
      .orderBy('id')
      .forUpdate()
      .select('id', 'cancelled_at')) as { id: number; cancelled_at: Date | null }[];
    return new Map(rows.map((r) => [r.id, r]));
  };
  const entry = (
    orgId: number,
    actor: Actor,
    crew: CrewView,
    action: 'signed_up' | 'approved' | 'unapproved' | 'removed',
  ) => ({
    actor,
    orgId,
    action: `crew.${action}`,
    target: { type: 'match', id: crew.matchId },
    details: ref(crew).crew,
  });
  const record = async (
    trx: Knex.Transaction,
    orgId: number,
    actor: Actor,
    crew: CrewView,
    action: 'signed_up' | 'approved' | 'unapproved' | 'removed',
  ) => audit.record(entry(orgId, actor, crew, action), trx);

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
      const [crew] = await service.signUpMany(orgId, [{ matchId, ...spec }], actor, trx);
      return crew!;
    },

    /**
     * {@link signUp} for many seats, possibly of many matches, in one transaction with a fixed number
     * of statements (imports): the same checks, rows, audit entries and events (`signed_up`, then
     * `approved` when approved) for each, in the given order. Any refused seat (including one taken
     * already, `RD_CREW_DUPLICATE`) refuses the call; let the caller's transaction roll back.
     */
    async signUpMany(
      orgId: number,
      seats: readonly { matchId: number; role: CrewRoleName; userId?: number }[],
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<CrewView[]> {
      if (!seats.length) return [];
      const role = await requireRole(db, actor, orgId, 'member');
      const self = actor.kind === 'user' ? actor.userId : undefined;
      const moderator = roleAtLeast(role, 'moderator');
      const wanted = seats.map((seat) => {
        const userId = seat.userId ?? self;
        if (!userId) throw unprocessable('RD_CREW_WHO', 'Say which user to add (userId)');
        if (userId !== self && !moderator)
          throw forbidden('RD_ROLE_TOO_LOW', 'Only moderators add other people as crew');
        return { matchId: seat.matchId, role: seat.role, userId, approved: moderator && userId !== self };
      });
      return inTransaction(db, trx, async (t) => {
        const matchIds = [...new Set(wanted.map((w) => w.matchId))];
        const matches = await lockedMatches(t, orgId, matchIds);
        for (const id of matchIds) {
          const match = matches.get(id);
          if (!match) throw notFound('RD_MATCH_NOT_FOUND', `No match ${id}`);
          if (match.cancelled_at) throw conflict('RD_MATCH_CANCELLED', 'The match is cancelled');
        }
        await automation.assertAllFree(matchIds, 'crew', actor, t);
        const userIds = [...new Set(wanted.map((w) => w.userId))];
        const users = await t('users').whereIn('id', userIds).whereNull('merged_into_id').select('id');
        const known = new Set(users.map((u) => Number(u.id)));
        const unknown = userIds.find((id) => !known.has(id));
        if (unknown !== undefined) throw unprocessable('RD_USER_NOT_FOUND', `No user ${unknown}`);
        const now = clock.now();
        const inserted: { id: number; match_id: number; user_id: number; role: string }[] = [];
        for (let i = 0; i < wanted.length; i += CHUNK) {
          inserted.push(
            ...(await t('match_crew')
              .insert(
                wanted.slice(i, i + CHUNK).map((w) => ({
                  match_id: w.matchId,
                  user_id: w.userId,
                  role: w.role,
                  approved: w.approved,
                  approved_by: w.approved && self ? self : null,
                  approved_at: w.approved ? now : null,
                  created_at: now,
                })),
              )
              .onConflict(t.raw('(match_id, user_id, role) where removed_at is null'))
              .ignore()
              .returning(['id', 'match_id', 'user_id', 'role'])),
          );
        }
        const seatKey = (matchId: number, userId: number, r: string) => `${matchId}:${userId}:${r}`;
        const idOf = new Map(inserted.map((r) => [seatKey(r.match_id, r.user_id, r.role), r.id]));
        // A seat taken before, or named twice in this call (its second mention), is a duplicate.
        const named = new Set<string>();
        const taken = wanted.find((w) => {
          const key = seatKey(w.matchId, w.userId, w.role);
          if (named.has(key) || !idOf.has(key)) return true;
          named.add(key);
          return false;
        });
        if (taken)
          throw conflict('RD_CREW_DUPLICATE', `User ${taken.userId} is signed up as ${taken.role} already`);
        const rows = (await select(t).whereRaw('c.id = any(?)', [inserted.map((r) => r.id)])) as Row[];
        const byId = new Map(rows.map((r) => [r.id, view(r)]));
        const crew = wanted.map((w) => byId.get(idOf.get(seatKey(w.matchId, w.userId, w.role))!)!);
        await audit.recordMany(
          crew.map((c) => entry(orgId, actor, c, 'signed_up')),
          t,
        );
        await emitAll(
          bus,
          crew.flatMap((c) => [
            [CrewSignedUp, ref(c)] as const,
            ...(c.approved ? [[CrewApproved, ref(c)] as const] : []),
          ]),
          { actor, orgId },
          t,
        );
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
