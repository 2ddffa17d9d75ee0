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
  state: 'The state of this match is',
  time: 'The time of this match is',
  players: 'The players of this match are',
  crew: 'The crew of this match is',
};

/** Matches per statement of the bulk claims. */
const CHUNK = 5000;

/** A claim as stored or as a match view shows it. */
type ClaimLike = { pluginId: string; aspects: readonly string[]; reason: string };

/** Throws 409 when a plugin other than the acting one owns `aspect` among `claims`. */
function refuseOwned(claims: readonly ClaimLike[], aspect: AutomationAspect, actor: Actor): void {
  const owner = claims.find((c) => c.aspects.includes(aspect));
  if (!owner) return;
  if (actor.kind === 'system' && actor.component === owner.pluginId) return;
  throw conflict(
    'RD_MATCH_AUTOMATED',
    `${WORDS[aspect]} managed by the ${owner.pluginId} plugin (${owner.reason}); change it there`,
    { owner: owner.pluginId, aspect },
  );
}

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

    /**
     * {@link claim} for many matches at once (imports): the same rows, one read and one insert per
     * chunk. Any match that does not exist refuses the whole call, as `claim` refuses one.
     */
    async claimMatches(
      pluginId: string,
      matchIds: number[],
      aspects: AutomationAspect[],
      reason: string,
      trx?: Knex.Transaction,
    ): Promise<void> {
      const executor = trx ?? db;
      const ids = [...new Set(matchIds)];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const part = ids.slice(i, i + CHUNK);
        const owners = await executor('matches').whereRaw('id = any(?)', [part]).select('id', 'org_id');
        if (owners.length !== part.length)
          throw conflict('RD_AUTOMATION_TARGET', 'No such match or tournament to claim');
        const now = clock.now();
        await executor.raw(
          `insert into automation_claims (org_id, match_id, tournament_id, plugin_id, aspects, reason, created_at)
           select org_id, match_id, null, ?, ?::text[], ?, ?
           from unnest(?::bigint[], ?::bigint[]) as t(org_id, match_id)
           on conflict (plugin_id, coalesce(match_id, 0), coalesce(tournament_id, 0))
           do update set aspects = excluded.aspects, reason = excluded.reason`,
          [pluginId, aspects, reason, now, owners.map((o) => o.org_id), owners.map((o) => o.id)],
        );
      }
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

    /** Every claim covering each of some matches (their own and their tournaments'), in one query. */
    async claimsOnMany(matchIds: number[], executor: Executor = db): Promise<Map<number, AutomationClaim[]>> {
      const byMatch = new Map<number, AutomationClaim[]>(matchIds.map((id) => [id, []]));
      if (!matchIds.length) return byMatch;
      const ids = [...new Set(matchIds)];
      // A claim names a match or a tournament, never both: two index lookups, no duplicates.
      const { rows } = (await executor.raw(
        `select m.id as match_id, c.id, c.plugin_id, c.aspects, c.reason
           from matches m join automation_claims c on c.match_id = m.id where m.id = any(?)
         union all
         select m.id, c.id, c.plugin_id, c.aspects, c.reason
           from matches m join automation_claims c on c.tournament_id = m.tournament_id where m.id = any(?)
         order by id`,
        [ids, ids],
      )) as { rows: { match_id: string; plugin_id: string; aspects: AutomationAspect[]; reason: string }[] };
      for (const r of rows)
        byMatch
          .get(Number(r.match_id))
          ?.push({ pluginId: r.plugin_id, aspects: r.aspects, reason: r.reason });
      return byMatch;
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
      refuseOwned(await service.claimsOn(matchId, executor), aspect, actor);
    },

    /** {@link assertFree} on claims already read (a match read with `matches.get` carries them). */
    assertFreeOf(claims: readonly ClaimLike[], aspect: AutomationAspect, actor: Actor): void {
      refuseOwned(claims, aspect, actor);
    },

    /** {@link assertFree} for many matches in one query (the first owned one answers the 409). */
    async assertAllFree(
      matchIds: number[],
      aspect: AutomationAspect,
      actor: Actor,
      executor: Executor = db,
    ): Promise<void> {
      for (const claims of (await service.claimsOnMany(matchIds, executor)).values())
        refuseOwned(claims, aspect, actor);
    },
  };
  return service;
}

/** The automation-owner service. */
export type Automation = ReturnType<typeof createAutomation>;
