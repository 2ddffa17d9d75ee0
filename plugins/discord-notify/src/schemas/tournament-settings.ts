import { type Static, Type } from 'typebox';
import { Snowflake } from './guild.js';

/** Which matches get a Discord scheduled event. */
export const ScheduledEventMode = Type.Union(
  [Type.Literal('all'), Type.Literal('streamed'), Type.Literal('none')],
  {
    description: 'all matches, only matches with a stream channel, or none',
  },
);
export type ScheduledEventModeValue = Static<typeof ScheduledEventMode>;

/** A tournament's Discord settings. */
export const TournamentSettings = Type.Object(
  {
    tournamentId: Type.Integer(),
    scheduledEvents: ScheduledEventMode,
    guildId: Type.Union([Snowflake, Type.Null()], {
      description: "Guild for the events; null: the org's first linked guild",
    }),
    eventDurationMinutes: Type.Integer({ minimum: 5, maximum: 1440 }),
  },
  { title: 'DiscordTournamentSettings' },
);
export type TournamentSettingsView = Static<typeof TournamentSettings>;

/** Body of `PUT .../tournaments/:id/settings`. */
export const TournamentSettingsBody = Type.Object(
  {
    scheduledEvents: ScheduledEventMode,
    guildId: Type.Optional(Type.Union([Snowflake, Type.Null()])),
    eventDurationMinutes: Type.Optional(Type.Integer({ minimum: 5, maximum: 1440 })),
  },
  { additionalProperties: false },
);

export const TournamentParams = Type.Object({ org: Type.String(), id: Type.Integer({ minimum: 1 }) });
