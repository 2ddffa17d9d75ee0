import { EpisodeImported } from '../events.js';
import { syncCrew, type WantedCrew } from './crew-sync.js';
import type { EpisodeImport } from './episode-mapping-types.js';
import { episodeStore } from './episode-store.js';
import { diffImport } from './import-diff.js';
import { fromStored, importHash, toStored } from './import-snapshot.js';
import type { ImportSettings } from './settings-repository.js';
import { SG_ACTOR, type SgContext } from './sg-context.js';

/** What importing one episode did. */
export type EpisodeOutcome =
  | { kind: 'imported'; matchId: number; changes: string[] }
  | { kind: 'updated'; matchId: number; changes: string[] }
  | { kind: 'unchanged' }
  | { kind: 'skipped'; reason: string };

/** An episode ready to write: its import and the users and channel it resolved to. */
export interface EpisodePlan {
  next: EpisodeImport;
  players: number[];
  crew: WantedCrew[];
  streamChannelId: number | null;
  /** The run's read of imported episodes saw this one (it is updated, not created). */
  known?: boolean;
}

/** What SpeedGaming owns on an imported match while import is on. */
export const OWNED = ['time', 'players', 'crew'] as const;
/** Shown in the 409 of a manual edit. */
export const OWNED_REASON =
  'imported from SpeedGaming while import is on; change it on SpeedGaming or turn the import off';
const EDITABLE = new Set(['scheduled', 'checked_in']);

/**
 * Writes one episode in its own transaction: creates its match, or brings it up to date through the
 * core matches and crew services (reschedule, update, crew: their events). Match, players and crew
 * commit together or not at all. Started, finished and cancelled matches are left alone.
 */
export async function writeEpisode(
  ctx: SgContext,
  s: ImportSettings,
  plan: EpisodePlan,
): Promise<EpisodeOutcome> {
  const { next } = plan;
  const matches = ctx.domain.matches;
  const hash = importHash(next);
  const userIds = [...new Set([...plan.players, ...plan.crew.map((c) => c.userId)])];
  return ctx.db.transaction(async (trx): Promise<EpisodeOutcome> => {
    const now = ctx.clock.now();
    const { row } = await episodeStore.claim(
      trx,
      {
        orgId: s.orgId,
        tournamentId: s.tournamentId,
        episodeId: next.externalId,
        eventSlug: next.eventSlug,
        scheduledAt: next.scheduledAt,
      },
      now,
      plan.known,
    );
    if (row.tournamentId !== s.tournamentId) {
      return {
        kind: 'skipped',
        reason: `episode ${next.externalId} is imported into tournament ${row.tournamentId}`,
      };
    }
    if (row.snapshotHash === hash) return { kind: 'unchanged' };
    const save = (matchId: number) =>
      episodeStore.save(trx, row.id, { matchId, hash, snapshot: toStored(next), userIds, now });
    if (row.matchId === null) {
      const match = await matches.create(
        s.orgId,
        {
          tournamentId: s.tournamentId,
          title: next.title,
          scheduledAt: next.scheduledAt,
          players: plan.players,
          streamChannelId: plan.streamChannelId,
        },
        SG_ACTOR,
        trx,
      );
      if (s.importEnabled)
        await matches.automation.claim(ctx.id, { matchId: match.id }, [...OWNED], OWNED_REASON, trx);
      await syncCrew(ctx, s.orgId, match.id, plan.crew, trx, true);
      await save(match.id);
      await ctx.events.emit(
        EpisodeImported,
        {
          matchId: match.id,
          tournamentId: s.tournamentId,
          episodeId: next.externalId,
          racetimeAutoRooms: s.racetimeAutoRooms,
        },
        { actor: SG_ACTOR, orgId: s.orgId },
        trx,
      );
      return { kind: 'imported', matchId: match.id, changes: ['created'] };
    }
    const match = await matches.get(row.matchId, trx);
    if (!EDITABLE.has(match.state))
      return { kind: 'skipped', reason: `match ${match.id} is ${match.state}; imports never change it` };
    const patch = {
      ...(match.title !== next.title ? { title: next.title } : {}),
      ...(match.streamChannelId !== plan.streamChannelId ? { streamChannelId: plan.streamChannelId } : {}),
      ...(match.players.map((p) => p.userId).join() !== plan.players.join() ? { players: plan.players } : {}),
    };
    const moved = new Date(match.scheduledAt).getTime() !== next.scheduledAt.getTime();
    if (Object.keys(patch).length) await matches.update(match.id, patch, SG_ACTOR, trx);
    if (moved) await matches.reschedule(match.id, next.scheduledAt, SG_ACTOR, trx);
    const crewChanges = await syncCrew(ctx, s.orgId, match.id, plan.crew, trx);
    await save(match.id);
    const changes = row.snapshot
      ? diffImport(fromStored(row.snapshot), next).map((c) => c.kind)
      : ['resynced'];
    // Nothing written: only SpeedGaming data the match does not hold changed (e.g. a `ready` flag).
    if (!moved && !Object.keys(patch).length && crewChanges === 0) return { kind: 'unchanged' };
    return { kind: 'updated', matchId: match.id, changes: [...new Set(changes)] };
  });
}
