import { EpisodeImported } from '../events.js';
import { episodeStore } from './episode-store.js';
import { type EpisodePlan, OWNED, OWNED_REASON } from './episode-writer.js';
import { importHash, toStored } from './import-snapshot.js';
import type { ImportSettings } from './settings-repository.js';
import { SG_ACTOR, type SgContext } from './sg-context.js';

/** What writing a batch of new episodes did: the episodes it created and the ones another import holds. */
export interface BatchOutcome {
  imported: number[];
  /** Episodes whose row another import wrote meanwhile: they go through the one-episode path. */
  taken: EpisodePlan[];
}

/**
 * Creates the matches of never-imported episodes in one transaction and a fixed number of statements,
 * through the core's bulk APIs (`matches.createMany`, `automation.claimMatches`, `crew.signUpMany`):
 * the same rows, audit entries and events as one episode at a time. The episode rows are claimed first
 * in episode order by the unique (org, episode) key, so two instances never create a match twice; one
 * another import claimed is handed back, not written. Throws when anything fails: nothing is written.
 */
export async function writeNewEpisodes(
  ctx: SgContext,
  s: ImportSettings,
  plans: EpisodePlan[],
): Promise<BatchOutcome> {
  const sorted = [...plans].sort((a, b) => a.next.externalId - b.next.externalId);
  return ctx.db.transaction(async (trx) => {
    const now = ctx.clock.now();
    const claimed = await episodeStore.claimNew(
      trx,
      s,
      sorted.map((p) => ({
        episodeId: p.next.externalId,
        eventSlug: p.next.eventSlug,
        hash: importHash(p.next),
        snapshot: toStored(p.next),
        userIds: [...new Set([...p.players, ...p.crew.map((c) => c.userId)])],
      })),
      now,
    );
    const mine = sorted.filter((p) => claimed.has(p.next.externalId));
    const taken = sorted.filter((p) => !claimed.has(p.next.externalId));
    if (!mine.length) return { imported: [], taken };
    const matches = await ctx.domain.matches.createMany(
      s.orgId,
      mine.map((p) => ({
        tournamentId: s.tournamentId,
        title: p.next.title,
        scheduledAt: p.next.scheduledAt,
        players: p.players,
        streamChannelId: p.streamChannelId,
      })),
      SG_ACTOR,
      trx,
    );
    const matchIds = matches.map((m) => m.id);
    if (s.importEnabled)
      await ctx.domain.matches.automation.claimMatches(ctx.id, matchIds, [...OWNED], OWNED_REASON, trx);
    await ctx.domain.crew.signUpMany(
      s.orgId,
      mine.flatMap((p, i) => p.crew.map((c) => ({ matchId: matchIds[i]!, role: c.role, userId: c.userId }))),
      SG_ACTOR,
      trx,
    );
    await episodeStore.linkMatches(
      trx,
      mine.map((p, i) => ({ id: claimed.get(p.next.externalId)!, matchId: matchIds[i]! })),
    );
    // In one turn: the bus writes them with one outbox insert.
    await Promise.all(
      mine.map((p, i) =>
        ctx.events.emit(
          EpisodeImported,
          {
            matchId: matchIds[i]!,
            tournamentId: s.tournamentId,
            episodeId: p.next.externalId,
            racetimeAutoRooms: s.racetimeAutoRooms,
          },
          { actor: SG_ACTOR, orgId: s.orgId },
          trx,
        ),
      ),
    );
    return { imported: mine.map((p) => p.next.externalId), taken };
  });
}
