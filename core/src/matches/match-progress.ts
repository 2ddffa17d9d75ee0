import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import { conflict, unprocessable } from '../errors.js';
import { type DomainDeps, inTransaction, requireRole } from '../tournaments/domain-deps.js';
import type { Automation } from './automation.js';
import { parseDuration } from './iso-time.js';
import { lockMatch } from './match-checks.js';
import { MatchFinished, MatchStateChanged } from './match-events.js';
import { type MatchRow, snapshotOf } from './match-repository.js';
import type { MatchView, Results } from './match-schemas.js';
import type { MatchCore, MatchKey } from './match-service.js';
import { STATE_COLUMNS, stateOf } from './match-state.js';

/** States a match can be moved to directly; `recorded` comes from recording results. */
export type ProgressState = 'scheduled' | 'checked_in' | 'started' | 'finished';

/** Check-in, start, finish and results: by organizers, or by the plugin that automates the match. */
export function createMatchProgress(deps: DomainDeps, automation: Automation, matches: MatchCore) {
  const { db, clock, bus, audit } = deps;
  const keyOf = (key: MatchKey) => (typeof key === 'number' ? { id: key, orgId: undefined } : key);

  return {
    /**
     * Moves a match to a state: sets the timestamps up to it (at `at`, default now) and clears later
     * ones. Refused with 409 when another plugin owns the match's state, or it is cancelled/recorded.
     */
    async setState(
      key: MatchKey,
      state: ProgressState,
      actor: Actor,
      options: { at?: Date; trx?: Knex.Transaction } = {},
    ) {
      const { id, orgId } = keyOf(key);
      return inTransaction(db, options.trx, async (t) => {
        const locked = await lockMatch(t, id, orgId);
        await requireRole(t, actor, locked.org_id, 'moderator');
        const before = await matches.get(id, t);
        automation.assertFreeOf(before.automation ?? [], 'state', actor);
        if (before.state === 'cancelled' || before.state === 'recorded') {
          throw conflict('RD_MATCH_CLOSED', `The match is ${before.state}; its state cannot change`);
        }
        if (before.state === state) return before;
        const at = options.at ?? clock.now();
        const index = STATE_COLUMNS.findIndex(([s]) => s === state);
        const fields: Record<string, Date | null> = {};
        STATE_COLUMNS.forEach(([, column], i) => {
          if (i > index) fields[column] = null;
          else if (!before[camel(column)]) fields[column] = at;
        });
        const [row] = (await t('matches')
          .where({ id })
          .update({ ...fields, updated_at: clock.now() })
          .returning('*')) as MatchRow[];
        // Players, source and automation did not change: only the timestamps and the state they give.
        const after: MatchView = {
          ...before,
          state: stateOf(row!),
          checkedInAt: row!.checked_in_at,
          startedAt: row!.started_at,
          finishedAt: row!.finished_at,
          recordedAt: row!.recorded_at,
          updatedAt: row!.updated_at,
        };
        const meta = { actor, orgId: locked.org_id };
        await audit.record(
          {
            ...meta,
            action: 'match.state_changed',
            target: { type: 'match', id },
            details: { from: before.state, to: state },
          },
          t,
        );
        await bus.emit(
          MatchStateChanged,
          { match: snapshotOf(after), from: before.state, to: after.state },
          meta,
          t,
        );
        return after;
      });
    },

    /**
     * Records placings once (the match becomes recorded). Changing recorded results needs a
     * `correction` with a reason, which is audited; a first recording is refused (409) when another
     * plugin owns the match's state.
     */
    async recordResults(
      key: MatchKey,
      input: Results,
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<MatchView> {
      const { id, orgId } = keyOf(key);
      return inTransaction(db, trx, async (t) => {
        const locked = await lockMatch(t, id, orgId);
        await requireRole(t, actor, locked.org_id, 'moderator');
        const before = await matches.get(id, t);
        if (before.state === 'cancelled') throw conflict('RD_MATCH_CLOSED', 'The match is cancelled');
        const correction = input.correction?.reason ?? null;
        if (before.recordedAt && !correction) {
          throw conflict(
            'RD_MATCH_RESULTS_RECORDED',
            'Results were recorded already; send a correction with a reason to change them',
          );
        }
        if (!before.recordedAt) await automation.assertFree(id, 'state', actor, t);
        const seated = new Set(before.players.map((p) => p.userId));
        const strangers = input.results.filter((r) => !seated.has(r.userId)).map((r) => r.userId);
        if (strangers.length)
          throw unprocessable(
            'RD_RESULT_NOT_A_PLAYER',
            `Not a player of this match: ${strangers.join(', ')}`,
          );
        const ranks = input.results.map((r) => r.finishRank).filter((r) => r != null);
        if (new Set(ranks).size !== ranks.length)
          throw unprocessable('RD_RESULT_RANKS', 'Two players have the same finish rank');
        for (const r of input.results) {
          await t('match_players')
            .where({ match_id: id, user_id: r.userId })
            .update({
              finish_rank: r.finishRank ?? null,
              finish_time_ms: r.finishTime
                ? parseDuration(r.finishTime, `finishTime of user ${r.userId}`)
                : null,
              status: r.status,
            });
        }
        const now = clock.now();
        await t('matches')
          .where({ id })
          .update({
            recorded_at: before.recordedAt ?? now,
            finished_at: before.finishedAt ?? now,
            started_at: before.startedAt ?? before.finishedAt ?? now,
            updated_at: now,
          });
        const after = await matches.get(id, t);
        const meta = { actor, orgId: locked.org_id };
        await audit.record(
          {
            ...meta,
            action: correction ? 'match.results_corrected' : 'match.results_recorded',
            target: { type: 'match', id },
            details: {
              results: input.results,
              ...(correction ? { reason: correction, previous: before.players } : {}),
            },
          },
          t,
        );
        const snapshot = snapshotOf(after);
        if (before.state !== after.state)
          await bus.emit(
            MatchStateChanged,
            { match: snapshot, from: before.state, to: after.state },
            meta,
            t,
          );
        const placings = after.players.map((p) => ({
          userId: p.userId,
          finishRank: p.finishRank,
          finishTime: p.finishTime,
          status: p.status,
        }));
        await bus.emit(MatchFinished, { match: snapshot, placings, correction }, meta, t);
        return after;
      });
    },
  };
}

const camel = (column: string) =>
  column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) as
    | 'checkedInAt'
    | 'startedAt'
    | 'finishedAt'
    | 'recordedAt';

/** Check-in, start, finish and results. */
export type MatchProgress = ReturnType<typeof createMatchProgress>;
