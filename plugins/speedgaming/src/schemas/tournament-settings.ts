import { type Static, Type } from 'typebox';

const Duration = (description: string, example: string) =>
  Type.String({
    pattern: '^P(\\d+D)?(T(\\d+H)?(\\d+M)?(\\d+S)?)?$',
    maxLength: 20,
    description: `${description}; ISO 8601 duration, e.g. ${example}`,
  });
const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Core crew roles an import may bring in (SpeedGaming broadcasters are core restreamers). */
export const CrewRoleName = Type.Union([
  Type.Literal('commentator'),
  Type.Literal('tracker'),
  Type.Literal('restreamer'),
]);

/** A SpeedGaming event slug. */
export const EventSlug = Type.String({
  pattern: '^[A-Za-z0-9_-]{1,64}$',
  description: 'SpeedGaming event slug, e.g. alttprleague',
});

/** A tournament's SpeedGaming import settings. */
export const TournamentSettings = Type.Object(
  {
    tournamentId: Type.Integer(),
    importEnabled: Type.Boolean({
      description:
        'While on, SpeedGaming owns time, players and crew of imported matches (manual edits answer 409)',
    }),
    eventSlugs: Type.Array(EventSlug, { maxItems: 10, uniqueItems: true }),
    windowBefore: Duration('Import episodes from this long before now', 'PT2H'),
    windowAfter: Duration('...up to this long after now', 'P7D'),
    interval: Duration('Time between automatic imports, at least one minute', 'PT5M'),
    crewRoles: Type.Array(CrewRoleName, {
      uniqueItems: true,
      description: 'Approved crew of these roles is imported',
    }),
    racetimeAutoRooms: Nullable(
      Type.Boolean({
        description:
          'Imported matches get racetime rooms (announced to racetime when it is on); null: racetime decides',
      }),
    ),
    nextRunAt: Type.Union([Type.String({ description: 'ISO 8601 UTC' }), Type.Null()], {
      description: 'When the next automatic import is due',
    }),
  },
  { title: 'SpeedGamingTournamentSettings' },
);
/** Settings as the API returns them. */
export type TournamentSettingsView = Static<typeof TournamentSettings>;

/** `PUT .../tournaments/:id/settings`: omitted fields keep their value. */
export const TournamentSettingsBody = Type.Object(
  {
    importEnabled: Type.Optional(Type.Boolean()),
    eventSlugs: Type.Optional(Type.Array(EventSlug, { maxItems: 10, uniqueItems: true })),
    windowBefore: Type.Optional(Duration('Window start before now', 'PT2H')),
    windowAfter: Type.Optional(Duration('Window end after now', 'P7D')),
    interval: Type.Optional(Duration('Time between imports (PT1M or more)', 'PT5M')),
    crewRoles: Type.Optional(Type.Array(CrewRoleName, { uniqueItems: true, maxItems: 3 })),
    racetimeAutoRooms: Type.Optional(Nullable(Type.Boolean())),
  },
  { additionalProperties: false },
);
/** A settings change. */
export type TournamentSettingsChange = Static<typeof TournamentSettingsBody>;

/** `:org` and a tournament `:id`. */
export const TournamentParams = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 100 }),
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});
