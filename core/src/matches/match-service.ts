import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import { conflict, notFound } from '../errors.js';
import { emitAll } from '../events/emit-all.js';
import { type DomainDeps, inTransaction, requireRole } from '../tournaments/domain-deps.js';
import type { Automation } from './automation.js';
import { parseInstant } from './iso-time.js';
import {
  checkPlayers,
  checkStreamChannel,
  checkStreamChannels,
  checkTournaments,
  lockMatch,
} from './match-checks.js';
import {
  MatchCancelled,
  MatchCreated,
  MatchPlayersChanged,
  MatchRescheduled,
  MatchUpdated,
} from './match-events.js';
import { type MatchRow, matchSelect, snapshotOf, withPlayers } from './match-repository.js';
import type { MatchPatch, MatchView, NewMatch } from './match-schemas.js';

/** A match by id, or by id within an org (routes: another org's match is a 404). */
export type MatchKey = number | { id: number; orgId: number };
const keyOf = (key: MatchKey) => (typeof key === 'number' ? { id: key, orgId: undefined } : key);

/** A new match; `scheduledAt` as an ISO string with offset or a Date. */
export type MatchSpec = Omit<NewMatch, 'scheduledAt'> & { scheduledAt: string | Date };

/** Matches per insert statement of {@link createMany} (8 parameters each). */
const CHUNK = 1000;

/** Matches: create, read, update, reschedule, cancel. Every change is audited and emits its event. */
export function createMatchService(deps: DomainDeps, automation: Automation) {
  const { db, clock, bus, audit } = deps;
  const instant = (value: string | Date, field: string) =>
    value instanceof Date ? value : parseInstant(value, field);

  /** Matches with their players and claims, in the order of `ids`. */
  const readMany = async (ids: number[], t: Knex.Transaction): Promise<MatchView[]> => {
    const rows = (await matchSelect(t).whereRaw('m.id = any(?)', [ids])) as MatchRow[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const views = await withPlayers(
      t,
      ids.map((id) => byId.get(id)!),
    );
    const claims = await automation.claimsOnMany(ids, t);
    return views.map((v) => ({ ...v, automation: claims.get(v.id) ?? [] }));
  };

  const service = {
    /** One match with its players (and its automation claims). */
    async get(key: MatchKey, trx?: Knex.Transaction): Promise<MatchView> {
      const { id, orgId } = keyOf(key);
      const q = matchSelect(trx ?? db).where('m.id', id);
      if (orgId !== undefined) q.where('m.org_id', orgId);
      const row = (await q.first()) as MatchRow | undefined;
      if (!row) throw notFound('RD_MATCH_NOT_FOUND', `No match ${id}`);
      const [match] = await withPlayers(trx ?? db, [row]);
      return { ...match!, automation: await automation.claimsOn(id, trx ?? db) };
    },

    /**
     * Which of `ids` are matches of the org, ascending (plugins: to scope their own rows by match to the
     * org of a request without reading the core's tables).
     */
    async idsInOrg(orgId: number, ids: readonly number[], trx?: Knex.Transaction): Promise<number[]> {
      if (ids.length === 0) return [];
      const rows = await (trx ?? db)('matches')
        .whereIn('id', [...ids])
        .andWhere({ org_id: orgId })
        .orderBy('id')
        .select('id');
      return rows.map((r) => Number(r.id));
    },

    /** The org a match belongs to (plugins: for permission checks and enablement). */
    async orgOf(matchId: number): Promise<number> {
      const row = await db('matches').where({ id: matchId }).first('org_id');
      if (!row) throw notFound('RD_MATCH_NOT_FOUND', `No match ${matchId}`);
      return row.org_id;
    },

    async create(orgId: number, spec: MatchSpec, actor: Actor, trx?: Knex.Transaction): Promise<MatchView> {
      const [match] = await service.createMany(orgId, [spec], actor, trx);
      return match!;
    },

    /**
     * Creates many matches in one transaction with a fixed number of statements per chunk (imports):
     * the same checks, rows, audit entries and `core.match.created` events as {@link create} for each,
     * in the given order. Any invalid spec refuses the whole call and nothing is written.
     */
    async createMany(
      orgId: number,
      specs: readonly MatchSpec[],
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<MatchView[]> {
      if (!specs.length) return [];
      return inTransaction(db, trx, async (t) => {
        // In the transaction, like every other match change: the role is read where the match is written.
        await requireRole(t, actor, orgId, 'moderator');
        const times = specs.map((spec) => instant(spec.scheduledAt, 'scheduledAt'));
        await checkTournaments(
          t,
          orgId,
          specs.map((s) => s.tournamentId),
        );
        await checkStreamChannels(
          t,
          orgId,
          specs.map((s) => s.streamChannelId),
        );
        await checkPlayers(t, [...new Set(specs.flatMap((s) => s.players))]);
        const now = clock.now();
        const ids: number[] = [];
        for (let i = 0; i < specs.length; i += CHUNK) {
          const rows = await t('matches')
            .insert(
              specs.slice(i, i + CHUNK).map((spec, j) => ({
                org_id: orgId,
                tournament_id: spec.tournamentId,
                title: spec.title ?? null,
                round: spec.round ?? null,
                stream_channel_id: spec.streamChannelId ?? null,
                scheduled_at: times[i + j],
                created_at: now,
                updated_at: now,
              })),
            )
            .returning('id');
          // PostgreSQL returns the rows of a multi-row VALUES insert in VALUES order.
          ids.push(...rows.map((r: { id: number }) => r.id));
        }
        const seats = specs.flatMap((spec, i) =>
          spec.players.map((userId, seat) => ({ match_id: ids[i], user_id: userId, seat: seat + 1 })),
        );
        for (let i = 0; i < seats.length; i += CHUNK * 5)
          await t('match_players').insert(seats.slice(i, i + CHUNK * 5));
        const matches = await readMany(ids, t);
        await audit.recordMany(
          specs.map((spec, i) => ({
            actor,
            orgId,
            action: 'match.created',
            target: { type: 'match', id: ids[i]! },
            details: { ...spec, scheduledAt: times[i] },
          })),
          t,
        );
        await emitAll(
          bus,
          matches.map((match) => [MatchCreated, { match: snapshotOf(match) }] as const),
          { actor, orgId },
          t,
        );
        return matches;
      });
    },

    /**
     * Title, round, stream channel and players (seat order); players are refused (409) when a plugin
     * owns them or results are recorded, everything when the match is cancelled. Emits `updated` for
     * changed fields and `players_changed` for a new line-up.
     */
    async update(key: MatchKey, patch: MatchPatch, actor: Actor, trx?: Knex.Transaction): Promise<MatchView> {
      const { id, orgId } = keyOf(key);
      return inTransaction(db, trx, async (t) => {
        const locked = await lockMatch(t, id, orgId);
        await requireRole(t, actor, locked.org_id, 'moderator');
        const before = await service.get(id, t);
        if (patch.players) await automation.assertFree(id, 'players', actor, t);
        await checkStreamChannel(t, locked.org_id, patch.streamChannelId);
        // Only what really differs counts: a no-op patch writes, audits and announces nothing.
        const changed = (['title', 'round', 'streamChannelId'] as const).filter(
          (k) => patch[k] !== undefined && patch[k] !== before[k],
        );
        const old = before.players.map((p) => p.userId);
        const seats = patch.players && patch.players.join() !== old.join() ? patch.players : undefined;
        if (!changed.length && !seats) return before;
        // A cancelled match is final; a recorded one keeps its players (the results name them) but
        // its title, round and stream channel may still be corrected for the record.
        if (before.state === 'cancelled') {
          throw conflict(
            'RD_MATCH_CANCELLED',
            'The match is cancelled: its title, round, stream channel and players no longer change',
          );
        }
        if (seats && before.recordedAt)
          throw conflict('RD_MATCH_RECORDED', 'Players cannot change after results were recorded');
        const added = seats ? seats.filter((u) => !old.includes(u)) : [];
        const removed = seats ? old.filter((u) => !seats.includes(u)) : [];
        await checkPlayers(t, added);
        const column = { title: 'title', round: 'round', streamChannelId: 'stream_channel_id' } as const;
        await t('matches')
          .where({ id })
          .update({
            ...Object.fromEntries(changed.map((k) => [column[k], patch[k]])),
            updated_at: clock.now(),
          });
        if (seats) {
          await t('match_players').where({ match_id: id }).del();
          if (seats.length)
            await t('match_players').insert(
              seats.map((userId, i) => ({ match_id: id, user_id: userId, seat: i + 1 })),
            );
        }
        const after = await service.get(id, t);
        const meta = { actor, orgId: locked.org_id };
        await audit.record(
          {
            ...meta,
            action: 'match.updated',
            target: { type: 'match', id },
            details: {
              ...Object.fromEntries(changed.map((k) => [k, { from: before[k], to: after[k] }])),
              ...(seats ? { players: { from: old, to: seats } } : {}),
            },
          },
          t,
        );
        if (changed.length) await bus.emit(MatchUpdated, { match: snapshotOf(after), changed }, meta, t);
        // A new seat order alone is a change too (seats decide e.g. room invites and brackets).
        if (seats) await bus.emit(MatchPlayersChanged, { match: snapshotOf(after), added, removed }, meta, t);
        return after;
      });
    },

    /** Moves the match; the event carries old and new times. Refused once the match has started or ended. */
    async reschedule(
      key: MatchKey,
      at: string | Date,
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<MatchView> {
      const { id, orgId } = keyOf(key);
      const scheduledAt = instant(at, 'scheduledAt');
      return inTransaction(db, trx, async (t) => {
        const locked = await lockMatch(t, id, orgId);
        await requireRole(t, actor, locked.org_id, 'moderator');
        const before = await service.get(id, t);
        await automation.assertFree(id, 'time', actor, t);
        if (!['scheduled', 'checked_in'].includes(before.state)) {
          throw conflict(
            'RD_MATCH_NOT_RESCHEDULABLE',
            `A ${before.state.replace('_', ' ')} match cannot be rescheduled`,
          );
        }
        const previous = new Date(before.scheduledAt);
        if (previous.getTime() === scheduledAt.getTime()) return before;
        await t('matches')
          .where({ id })
          .update({ scheduled_at: scheduledAt, sequence: t.raw('sequence + 1'), updated_at: clock.now() });
        const after = await service.get(id, t);
        const details = {
          previousScheduledAt: previous.toISOString(),
          scheduledAt: scheduledAt.toISOString(),
        };
        await audit.record(
          {
            actor,
            orgId: locked.org_id,
            action: 'match.rescheduled',
            target: { type: 'match', id },
            details,
          },
          t,
        );
        await bus.emit(
          MatchRescheduled,
          { match: snapshotOf(after), ...details },
          { actor, orgId: locked.org_id },
          t,
        );
        return after;
      });
    },

    /** Cancels the match with a reason; a cancelled or recorded match answers 409. */
    async cancel(key: MatchKey, reason: string, actor: Actor, trx?: Knex.Transaction): Promise<MatchView> {
      const { id, orgId } = keyOf(key);
      return inTransaction(db, trx, async (t) => {
        const locked = await lockMatch(t, id, orgId);
        await requireRole(t, actor, locked.org_id, 'moderator');
        const before = await service.get(id, t);
        await automation.assertFree(id, 'time', actor, t);
        if (before.state === 'cancelled')
          throw conflict('RD_MATCH_CANCELLED', 'The match is cancelled already');
        if (before.state === 'recorded')
          throw conflict('RD_MATCH_RECORDED', 'A match with recorded results cannot be cancelled');
        await t('matches')
          .where({ id })
          .update({ cancelled_at: clock.now(), cancel_reason: reason, updated_at: clock.now() });
        const after = await service.get(id, t);
        await audit.record(
          {
            actor,
            orgId: locked.org_id,
            action: 'match.cancelled',
            target: { type: 'match', id },
            details: { reason },
          },
          t,
        );
        await bus.emit(
          MatchCancelled,
          { match: snapshotOf(after), reason },
          { actor, orgId: locked.org_id },
          t,
        );
        return after;
      });
    },
  };
  return service;
}

/** The match service's core operations. */
export type MatchCore = ReturnType<typeof createMatchService>;
