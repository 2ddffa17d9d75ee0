import { performance } from 'node:perf_hooks';
import type { ParsedEpisode } from '../clients/parsed-episode.js';
import type { RejectedEpisode } from '../clients/speedgaming-client.js';
import { SyncFinished } from '../events.js';
import type { SyncRecordView } from '../schemas/sync-record.js';
import { checkVanished } from './deletion-check.js';
import { importEpisodes } from './episode-batch.js';
import { mergeSignedInPlaceholders } from './people-resolver.js';
import type { ImportSettings } from './settings-repository.js';
import { clientOf, SG_ACTOR, type SgContext } from './sg-context.js';
import { markStale } from './stale-marker.js';
import { noCounts, syncRecords } from './sync-records.js';

/**
 * One import run of a tournament: fetch every event's window (any failure ends the run with nothing
 * changed), import each episode in its own transaction, re-check vanished ones, mark stale matches.
 * Always leaves a sync record and an audit entry.
 */
export async function syncTournament(
  ctx: SgContext,
  s: ImportSettings,
  trigger: 'job' | 'manual',
): Promise<SyncRecordView> {
  const { db, clock } = ctx;
  const startedAt = clock.now();
  const t0 = performance.now();
  const syncId = await syncRecords.start(db, s.orgId, s.tournamentId, trigger, startedAt);
  const counts = noCounts();
  const rejections: RejectedEpisode[] = [];
  let error: string | null = null;
  try {
    const window = {
      from: new Date(startedAt.getTime() - s.windowBeforeS * 1000),
      to: new Date(startedAt.getTime() + s.windowAfterS * 1000),
    };
    const episodes: ParsedEpisode[] = [];
    const listed = new Set<number>();
    for (const slug of s.eventSlugs) {
      const answer = await clientOf(ctx).schedule(slug, window.from, window.to);
      episodes.push(...answer.episodes);
      rejections.push(...answer.rejected);
      for (const e of answer.episodes) listed.add(e.id);
      // A malformed episode is still on the schedule: not a deletion.
      for (const r of answer.rejected) if (r.episodeId !== undefined) listed.add(r.episodeId);
    }
    await mergeSignedInPlaceholders(ctx, s.orgId);
    const vanished = await checkVanished(ctx, s, window, listed);
    counts.cancelled += vanished.cancelled;
    rejections.push(...vanished.rejections);
    await importEpisodes(ctx, s, [...episodes, ...vanished.stillThere], counts, rejections);
    counts.stale = await markStale(ctx, s.tournamentId);
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
    ctx.logger.warn(
      { err: caught, tournamentId: s.tournamentId },
      'SpeedGaming import failed; retrying next run',
    );
  }
  const durationMs = Math.round(performance.now() - t0);
  const record = await syncRecords.finish(db, syncId, {
    counts,
    rejections,
    error,
    finishedAt: clock.now(),
    durationMs,
  });
  await db.transaction(async (trx) => {
    await ctx.audit.record(
      {
        actor: SG_ACTOR,
        orgId: s.orgId,
        action: 'speedgaming.sync',
        target: { type: 'tournament', id: s.tournamentId },
        details: {
          syncId,
          trigger,
          status: record.status,
          ...counts,
          errors: record.errors,
          error,
          durationMs,
        },
      },
      trx,
    );
    await ctx.events.emit(
      SyncFinished,
      {
        syncId,
        tournamentId: s.tournamentId,
        status: record.status,
        imported: counts.imported,
        updated: counts.updated,
        cancelled: counts.cancelled,
        errors: record.errors,
      },
      { actor: SG_ACTOR, orgId: s.orgId },
      trx,
    );
  });
  return record;
}
