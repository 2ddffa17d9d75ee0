import { type Static, Type } from 'typebox';

const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An episode a sync could not import, and why. */
export const Rejection = Type.Object({
  episodeId: Nullable(Type.Integer()),
  reason: Type.String(),
});

/** What one import run did. */
export const SyncRecord = Type.Object(
  {
    id: Type.Integer(),
    tournamentId: Type.Integer(),
    trigger: Type.Union([Type.Literal('job'), Type.Literal('manual')]),
    status: Type.Union(
      [Type.Literal('running'), Type.Literal('succeeded'), Type.Literal('partial'), Type.Literal('failed')],
      {
        description:
          'partial: some episodes were rejected; failed: SpeedGaming was unavailable and nothing changed',
      },
    ),
    startedAt: Type.String({ description: 'ISO 8601 UTC' }),
    finishedAt: Nullable(Type.String({ description: 'ISO 8601 UTC' })),
    imported: Type.Integer({ description: 'Matches created' }),
    updated: Type.Integer({ description: 'Matches changed' }),
    unchanged: Type.Integer(),
    cancelled: Type.Integer({
      description: 'Matches cancelled because SpeedGaming confirmed the episode deleted',
    }),
    skipped: Type.Integer({
      description: 'Episodes left alone (finished or started matches, owned by another tournament)',
    }),
    stale: Type.Integer({ description: 'Matches newly marked stale (4 h past their time, no result)' }),
    errors: Type.Integer({ description: 'Episodes rejected; see rejections' }),
    durationMs: Nullable(Type.Integer()),
    error: Nullable(Type.String()),
    rejections: Type.Array(Rejection),
  },
  { title: 'SpeedGamingSync' },
);
/** A sync record. */
export type SyncRecordView = Static<typeof SyncRecord>;

/** Query of `GET .../speedgaming/syncs`. */
export const SyncListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
  cursor: Type.Optional(Type.String({ maxLength: 100 })),
  tournamentId: Type.Optional(Type.Integer({ minimum: 1 })),
});

/** A page of sync records, newest first. */
export const SyncPage = Type.Object({ items: Type.Array(SyncRecord), nextCursor: Nullable(Type.String()) });

/** A match SpeedGaming has not resolved 4 h after its time. */
export const StaleMatch = Type.Object({
  matchId: Type.Integer(),
  episodeId: Type.Integer(),
  scheduledAt: Type.String(),
  staleSince: Type.String(),
});

/** An imported match SpeedGaming's data could not be applied to, kept as it was. */
export const SyncProblem = Type.Object({
  matchId: Type.Integer(),
  episodeId: Type.Integer(),
  scheduledAt: Type.String(),
  problem: Type.String(),
  since: Type.String(),
});
