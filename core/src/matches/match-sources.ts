import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import type { DomainDeps } from '../tournaments/domain-deps.js';
import type { Automation, AutomationAspect } from './automation.js';
import type { MatchView } from './match-schemas.js';
import type { MatchCore, MatchSpec } from './match-service.js';

/** An imported match: where it comes from, what the source owns, and its current fields. */
export interface ImportedMatch extends MatchSpec {
  /** The importing plugin's id (also the owner of `owns`). */
  source: string;
  /** The match's id at the source (e.g. a SpeedGaming episode id). */
  externalId: string;
  /** Aspects the source decides; manual edits of them answer 409 naming the source. */
  owns: AutomationAspect[];
}

/**
 * Imports keyed by `(org, source, external id)` in the core table `match_sources`: one match per
 * external record, found again on every sync, with no plugin table needed for the mapping.
 */
export function createMatchSources(deps: DomainDeps, automation: Automation, matches: MatchCore) {
  const { db } = deps;
  const service = {
    /** The match imported from `externalId` of `source`, if any. */
    async find(
      orgId: number,
      source: string,
      externalId: string,
      trx?: Knex.Transaction,
    ): Promise<MatchView | undefined> {
      const row = await (trx ?? db)('match_sources')
        .where({ org_id: orgId, source, external_id: externalId })
        .first('match_id');
      return row ? matches.get(row.match_id, trx) : undefined;
    },

    /**
     * Creates the match of an external record, or brings the existing one up to date (players, time,
     * title), emitting the usual events for what changed. Runs as the source plugin (pass its system actor).
     */
    async upsert(
      orgId: number,
      spec: ImportedMatch,
      actor: Actor,
    ): Promise<{ match: MatchView; created: boolean }> {
      return db.transaction(async (trx) => {
        await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [
          `${orgId}:${spec.source}:${spec.externalId}`,
        ]);
        const existing = await service.find(orgId, spec.source, spec.externalId, trx);
        const { source, externalId, owns, ...fields } = spec;
        if (!existing) {
          const match = await matches.create(orgId, fields, actor, trx);
          await trx('match_sources').insert({
            match_id: match.id,
            org_id: orgId,
            source,
            external_id: externalId,
          });
          if (owns.length)
            await automation.claim(source, { matchId: match.id }, owns, `imported from ${source}`, trx);
          return { match: await matches.get(match.id, trx), created: true };
        }
        const id = existing.id;
        const playersNow = existing.players.map((p) => p.userId).join();
        const patch = {
          ...(fields.title !== undefined && fields.title !== existing.title ? { title: fields.title } : {}),
          ...(fields.round !== undefined && fields.round !== existing.round ? { round: fields.round } : {}),
          ...(fields.streamChannelId !== undefined && fields.streamChannelId !== existing.streamChannelId
            ? { streamChannelId: fields.streamChannelId }
            : {}),
          ...(fields.players.join() !== playersNow ? { players: fields.players } : {}),
        };
        if (Object.keys(patch).length) await matches.update(id, patch, actor, trx);
        const at = new Date(fields.scheduledAt);
        if (existing.state !== 'cancelled' && at.getTime() !== new Date(existing.scheduledAt).getTime()) {
          await matches.reschedule(id, fields.scheduledAt, actor, trx);
        }
        return { match: await matches.get(id, trx), created: false };
      });
    },
  };
  return service;
}

/** Imported matches. */
export type MatchSources = ReturnType<typeof createMatchSources>;
