import { type Static, Type } from 'typebox';
import { PageQuery } from '../http/pagination.js';
import { NullableTimestamp, Timestamp } from '../http/timestamp.js';
import { Slug } from '../orgs/org-schemas.js';
import { Id } from '../tournaments/tournament-schemas.js';
import { MatchStateSchema } from './match-state.js';

const Instant = (description: string) =>
  Type.String({
    minLength: 10,
    maxLength: 40,
    description: `${description}: ISO 8601 with an offset, e.g. 2030-01-07T18:00:00Z`,
  });
const Duration = Type.String({ maxLength: 40, description: 'ISO 8601 duration, e.g. PT1H23M45.6S' });
const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** How a player finished. */
export const PlayerStatus = Type.Union([Type.Literal('done'), Type.Literal('dnf'), Type.Literal('dq')]);

/** A player of a match in API responses. */
export const MatchPlayer = Type.Object({
  userId: Type.Integer(),
  displayName: Type.String(),
  seat: Type.Integer({ description: '1-based' }),
  finishRank: Nullable(Type.Integer()),
  finishTime: Nullable(Type.String({ description: 'ISO 8601 duration' })),
  status: Nullable(PlayerStatus),
});

/** A match in API responses. */
export const Match = Type.Object(
  {
    id: Type.Integer(),
    tournamentId: Type.Integer(),
    title: Nullable(Type.String()),
    round: Nullable(Type.String()),
    streamChannelId: Nullable(Type.Integer()),
    scheduledAt: Timestamp,
    state: MatchStateSchema,
    checkedInAt: NullableTimestamp,
    startedAt: NullableTimestamp,
    finishedAt: NullableTimestamp,
    recordedAt: NullableTimestamp,
    cancelledAt: NullableTimestamp,
    cancelReason: Nullable(Type.String()),
    players: Type.Array(MatchPlayer),
    source: Nullable(
      Type.Object(
        { source: Type.String(), externalId: Type.String() },
        { description: 'Set for imported matches' },
      ),
    ),
    automation: Type.Optional(
      Type.Array(
        Type.Object({ pluginId: Type.String(), aspects: Type.Array(Type.String()), reason: Type.String() }),
        { description: 'Plugins that own parts of this match (only on GET of one match)' },
      ),
    ),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Match' },
);
/** A match as services return it. */
export type MatchView = Static<typeof Match>;

const PlayerIds = Type.Array(Id, { maxItems: 64, uniqueItems: true, description: 'User ids in seat order' });

/** Body of `POST .../matches`. */
export const NewMatchBody = Type.Object(
  {
    tournamentId: Id,
    title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    round: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    streamChannelId: Type.Optional(Nullable(Id)),
    scheduledAt: Instant('When the match starts'),
    players: PlayerIds,
  },
  { additionalProperties: false },
);
/** Fields of a new match. */
export type NewMatch = Static<typeof NewMatchBody>;

/** Body of `PATCH .../matches/:id` (time: reschedule; cancelling: cancel). */
export const MatchPatchBody = Type.Object(
  {
    title: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    round: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    streamChannelId: Type.Optional(Nullable(Id)),
    players: Type.Optional(PlayerIds),
  },
  { additionalProperties: false, minProperties: 1 },
);
/** Changes to a match. */
export type MatchPatch = Static<typeof MatchPatchBody>;

/** Body of `POST .../matches/:id/reschedule`. */
export const RescheduleBody = Type.Object(
  { scheduledAt: Instant('The new time') },
  { additionalProperties: false },
);
/** Body of `POST .../matches/:id/cancel`. */
export const CancelBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 500 }) },
  { additionalProperties: false },
);
/** Body of `POST .../matches/:id/state`. */
export const StateBody = Type.Object(
  {
    state: Type.Union(
      [
        Type.Literal('scheduled'),
        Type.Literal('checked_in'),
        Type.Literal('started'),
        Type.Literal('finished'),
      ],
      {
        description: 'Moves the match to this state (setting or clearing timestamps); results record it',
      },
    ),
  },
  { additionalProperties: false },
);

/** One player's result. */
export const PlayerResult = Type.Object(
  {
    userId: Id,
    finishRank: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
    finishTime: Type.Optional(Nullable(Duration)),
    status: PlayerStatus,
  },
  { additionalProperties: false },
);
/** Body of `POST .../matches/:id/results`. */
export const ResultsBody = Type.Object(
  {
    results: Type.Array(PlayerResult, { minItems: 1, maxItems: 64 }),
    correction: Type.Optional(
      Type.Object(
        { reason: Type.String({ minLength: 1, maxLength: 500 }) },
        { additionalProperties: false, description: 'Required to change results that were recorded already' },
      ),
    ),
  },
  { additionalProperties: false },
);
/** Results to record. */
export type Results = Static<typeof ResultsBody>;

/** Query of `GET .../matches`. */
export const MatchListQuery = Type.Object({
  ...PageQuery.properties,
  tournamentId: Type.Optional(Id),
  status: Type.Optional(MatchStateSchema),
  playerId: Type.Optional(Id),
  from: Type.Optional(Instant('Scheduled at or after')),
  to: Type.Optional(Instant('Scheduled before')),
  upcoming: Type.Optional(
    Type.Boolean({ description: 'Only matches not yet finished or cancelled, from now on' }),
  ),
});
/** Filters of the match list. */
export type MatchListFilter = Static<typeof MatchListQuery>;

/** Path parameters of one match. */
export const MatchParams = Type.Object({ org: Slug, id: Id });
