import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { conflict } from '../errors.js';

/** What a plugin can own on a match: its state (check-in … results), time, players, crew. */
export type AutomationAspect = 'state' | 'time' | 'players' | 'crew';

/** A plugin's claim on a match or on every match of a tournament. */
export interface AutomationClaim {
  pluginId: string;
  aspects: AutomationAspect[];
  /** Shown to people whose manual change is refused. */
  reason: string;
}

/** Which match or tournament a claim covers. */
export type ClaimTarget = { matchId: number } | { tournamentId: number };

type Executor = Database | Knex.Transaction;
const WORDS: Record<AutomationAspect, string> = {
  state: 'state',
  time: 'time',
  players: 'players',
  crew: 'crew',
};

/**
 * The "automation owner" hook: a plugin claims aspects of a match (or a tournament's matches);
 * manual changes of those aspects then answer 409 naming the plugin. The owner itself, acting as
 * `systemActor('<plugin id>')`, is never refused.
 */
export function createAutomation(db: Database, clock: Clock) {
  const service = {
    /** Claims (or re-claims with new aspects) a match or a tournament for a plugin. */
    async claim(
      pluginId: string,
      target: ClaimTarget,
      aspects: AutomationAspect[],
      reason: string,
      trx?: Knex.Transaction,
    ) {
      const executor = trx ?? db;
      const matchId = 'matchId' in target ? target.matchId : null;
      const tournamentId = 'tournamentId' in target ? target.tournamentId : null;
      const owner = matchId
        ? await executor('matches').where({ id: matchId }).first('org_id')
        : await executor('tournaments').where({ id: tournamentId }).first('org_id');
      if (!owner) throw conflict('RD_AUTOMATION_TARGET', 'No such match or tournament to claim');
      await executor.raw(
        `insert into automation_claims (org_id, match_id, tournament_id, plugin_id, aspects, reason, created_at)
         values (?, ?, ?, ?, ?, ?, ?)
         on conflict (plugin_id, coalesce(match_id, 0), coalesce(tournament_id, 0))
         do update set aspects = excluded.aspects, reason = excluded.reason`,
        [owner.org_id, matchId, tournamentId, pluginId, aspects, reason, clock.now()],
      );
    },

    /** Gives up a plugin's claim. */
    async release(pluginId: string, target: ClaimTarget, trx?: Knex.Transaction): Promise<void> {
      await (trx ?? db)('automation_claims')
        .where({
          plugin_id: pluginId,
          ...('matchId' in target ? { match_id: target.matchId } : { tournament_id: target.tournamentId }),
        })
        .del();
    },

    /** Every claim covering a match (its own and its tournament's). */
    async claimsOn(matchId: number, executor: Executor = db): Promise<AutomationClaim[]> {
      const rows = await executor('automation_claims as c')
        .join('matches as m', (j) => j.on('m.id', '=', db.raw('?', [matchId])))
        .where((w) => w.where('c.match_id', matchId).orWhereRaw('c.tournament_id = m.tournament_id'))
        .orderBy('c.id')
        .select('c.plugin_id', 'c.aspects', 'c.reason');
      return rows.map((r) => ({ pluginId: r.plugin_id, aspects: r.aspects, reason: r.reason }));
    },

    /** Throws 409 when another plugin owns `aspect` of the match. */
    async assertFree(
      matchId: number,
      aspect: AutomationAspect,
      actor: Actor,
      executor: Executor = db,
    ): Promise<void> {
      const claims = await service.claimsOn(matchId, executor);
      const owner = claims.find((c) => c.aspects.includes(aspect));
      if (!owner) return;
      if (actor.kind === 'system' && actor.component === owner.pluginId) return;
      throw conflict(
        'RD_MATCH_AUTOMATED',
        `The ${WORDS[aspect]} of this match is managed by the ${owner.pluginId} plugin (${owner.reason}); change it there`,
        { owner: owner.pluginId, aspect },
      );
    },
  };
  return service;
}

/** The automation-owner service. */
export type Automation = ReturnType<typeof createAutomation>;
