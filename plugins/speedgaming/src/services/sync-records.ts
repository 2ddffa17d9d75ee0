import { type Database, type PageOf, paginate } from '@racedesk/core';
import type { RejectedEpisode } from '../clients/speedgaming-client.js';
import type { SyncRecordView } from '../schemas/sync-record.js';

/** Counts of one run. */
export interface SyncCounts {
  imported: number;
  updated: number;
  unchanged: number;
  cancelled: number;
  skipped: number;
  stale: number;
  errors: number;
}

/** Zero counts. */
export const noCounts = (): SyncCounts => ({
  imported: 0,
  updated: 0,
  unchanged: 0,
  cancelled: 0,
  skipped: 0,
  stale: 0,
  errors: 0,
});

interface Row extends SyncCounts {
  id: string;
  org_id: string;
  tournament_id: string;
  trigger: 'job' | 'manual';
  status: SyncRecordView['status'];
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  error: string | null;
}

const view = (r: Row, rejections: SyncRecordView['rejections']): SyncRecordView => ({
  id: Number(r.id),
  tournamentId: Number(r.tournament_id),
  trigger: r.trigger,
  status: r.status,
  startedAt: r.started_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  imported: r.imported,
  updated: r.updated,
  unchanged: r.unchanged,
  cancelled: r.cancelled,
  skipped: r.skipped,
  stale: r.stale,
  errors: r.errors,
  durationMs: r.duration_ms,
  error: r.error,
  rejections,
});

/** `speedgaming_syncs` and `speedgaming_rejections`. */
export const syncRecords = {
  async start(
    db: Database,
    orgId: number,
    tournamentId: number,
    trigger: 'job' | 'manual',
    now: Date,
  ): Promise<number> {
    const [row] = await db('speedgaming_syncs')
      .insert({ org_id: orgId, tournament_id: tournamentId, trigger, status: 'running', started_at: now })
      .returning('id');
    return Number(row.id);
  },

  async finish(
    db: Database,
    id: number,
    outcome: {
      counts: SyncCounts;
      rejections: RejectedEpisode[];
      error: string | null;
      finishedAt: Date;
      durationMs: number;
    },
  ): Promise<SyncRecordView> {
    const { counts, rejections, error } = outcome;
    const status = error ? 'failed' : rejections.length ? 'partial' : 'succeeded';
    for (let i = 0; i < rejections.length; i += 1000) {
      await db('speedgaming_rejections').insert(
        rejections
          .slice(i, i + 1000)
          .map((r) => ({ sync_id: id, episode_id: r.episodeId ?? null, reason: r.reason })),
      );
    }
    const [row] = (await db('speedgaming_syncs')
      .where({ id })
      .update({
        ...counts,
        errors: rejections.length,
        status,
        error,
        finished_at: outcome.finishedAt,
        duration_ms: outcome.durationMs,
      })
      .returning('*')) as Row[];
    return view(
      row!,
      rejections.map((r) => ({ episodeId: r.episodeId ?? null, reason: r.reason })),
    );
  },

  /** The org's runs, newest first, with their rejections. */
  async list(
    db: Database,
    orgId: number,
    query: { limit?: number; cursor?: string; tournamentId?: number },
  ): Promise<PageOf<SyncRecordView>> {
    const q = db('speedgaming_syncs').where({ org_id: orgId }).select('*');
    if (query.tournamentId) q.where({ tournament_id: query.tournamentId });
    const page = await paginate<Row>(q, query, { columns: ['id'], direction: 'desc' });
    const ids = page.items.map((r) => r.id);
    const rejections = ids.length
      ? await db('speedgaming_rejections')
          .whereIn('sync_id', ids)
          .orderBy('id')
          .select('sync_id', 'episode_id', 'reason')
      : [];
    return {
      items: page.items.map((r) =>
        view(
          r,
          rejections
            .filter((x) => String(x.sync_id) === String(r.id))
            .map((x) => ({
              episodeId: x.episode_id === null ? null : Number(x.episode_id),
              reason: x.reason,
            })),
        ),
      ),
      nextCursor: page.nextCursor,
    };
  },
};
