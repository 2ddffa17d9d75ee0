import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import { conflict, notFound } from '../errors.js';
import { type DomainDeps, inTransaction, requireRole } from '../tournaments/domain-deps.js';
import type { Automation } from './automation.js';
import { parseInstant } from './iso-time.js';
import { checkPlayers, checkStreamChannel, checkTournament, lockMatch } from './match-checks.js';
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

/** Matches: create, read, update, reschedule, cancel. Every change is audited and emits its event. */
export function createMatchService(deps: DomainDeps, automation: Automation) {
  const { db, clock, bus, audit } = deps;
  const instant = (value: string | Date, field: string) =>
    value instanceof Date ? value : parseInstant(value, field);

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

    /** The org a match belongs to (plugins: for permission checks and enablement). */
    async orgOf(matchId: number): Promise<number> {
      const row = await db('matches').where({ id: matchId }).first('org_id');
      if (!row) throw notFound('RD_MATCH_NOT_FOUND', `No match ${matchId}`);
      return row.org_id;
    },

    async create(orgId: number, spec: MatchSpec, actor: Actor, trx?: Knex.Transaction): Promise<MatchView> {
      return inTransaction(db, trx, async (t) => {
        // In the transaction, like every other match change: the role is read where the match is written.
        await requireRole(t, actor, orgId, 'moderator');
        const scheduledAt = instant(spec.scheduledAt, 'scheduledAt');
        await checkTournament(t, orgId, spec.tournamentId);
        await checkStreamChannel(t, orgId, spec.streamChannelId);
        await checkPlayers(t, spec.players);
        const now = clock.now();
        const [row] = await t('matches')
          .insert({
            org_id: orgId,
            tournament_id: spec.tournamentId,
            title: spec.title ?? null,
            round: spec.round ?? null,
            stream_channel_id: spec.streamChannelId ?? null,
            scheduled_at: scheduledAt,
            created_at: now,
            updated_at: now,
          })
          .returning('id');
        if (spec.players.length) {
          await t('match_players').insert(
            spec.players.map((userId, i) => ({ match_id: row.id, user_id: userId, seat: i + 1 })),
          );
        }
        const match = await service.get(row.id, t);
        await audit.record(
          {
            actor,
            orgId,
            action: 'match.created',
            target: { type: 'match', id: row.id },
            details: { ...spec, scheduledAt },
          },
          t,
        );
        await bus.emit(MatchCreated, { match: snapshotOf(match) }, { actor, orgId }, t);
        return match;
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
