import { type Static, Type } from 'typebox';
import { NullableTimestamp, Timestamp } from '../http/timestamp.js';
import { Slug, TimeZone } from '../orgs/org-schemas.js';

/** Approved crew wanted per match, by role. */
export const CrewNeeds = Type.Object(
  {
    commentator: Type.Integer({ minimum: 0, maximum: 20 }),
    tracker: Type.Integer({ minimum: 0, maximum: 20 }),
    restreamer: Type.Integer({ minimum: 0, maximum: 20 }),
  },
  { additionalProperties: false },
);

/** A tournament in API responses. */
export const Tournament = Type.Object(
  {
    id: Type.Integer(),
    slug: Slug,
    name: Type.String(),
    description: Type.String(),
    timezone: Type.String({ description: "IANA zone; the org's unless set" }),
    crewNeeds: CrewNeeds,
    archivedAt: NullableTimestamp,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Tournament' },
);
/** A tournament as services return it. */
export type TournamentView = Static<typeof Tournament>;

/** Body of `POST .../tournaments`. */
export const NewTournamentBody = Type.Object(
  {
    slug: Slug,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    timezone: Type.Optional(TimeZone),
    crewNeeds: Type.Optional(CrewNeeds),
  },
  { additionalProperties: false },
);
/** Fields of a new tournament. */
export type NewTournament = Static<typeof NewTournamentBody>;

/** Body of `PATCH .../tournaments/:id`; `archived: true` archives, `false` restores. */
export const TournamentPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    timezone: Type.Optional(
      Type.Union([TimeZone, Type.Null()], { description: "null: follow the org's zone" }),
    ),
    crewNeeds: Type.Optional(CrewNeeds),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
/** Changes to a tournament. */
export type TournamentPatch = Static<typeof TournamentPatchBody>;

/** A numeric id in a path. */
export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
/** Path parameters of one tournament. */
export const TournamentParams = Type.Object({ org: Slug, id: Id });
