import { type Static, Type } from 'typebox';
import { Snowflake } from './guild.js';

/** The kinds of channel posts. */
export const POST_KINDS = [
  'room_opened',
  'match_scheduled',
  'match_rescheduled',
  'match_cancelled',
  'results',
  'organizer_alerts',
] as const;
/** A kind of channel post. */
export type PostKind = (typeof POST_KINDS)[number];
export const PostKindSchema = Type.Union([
  Type.Literal('room_opened'),
  Type.Literal('match_scheduled'),
  Type.Literal('match_rescheduled'),
  Type.Literal('match_cancelled'),
  Type.Literal('results'),
  Type.Literal('organizer_alerts'),
]);

/** A channel choice with whether the bot can post there. */
export const ChannelChoice = Type.Object(
  {
    id: Type.Integer(),
    kind: PostKindSchema,
    tournamentId: Type.Union([Type.Integer(), Type.Null()], {
      description: 'Null: the organization default',
    }),
    guildId: Snowflake,
    channelId: Snowflake,
    channelName: Type.Union([Type.String(), Type.Null()]),
    canPost: Type.Boolean({ description: 'Checked through the Discord API when listed' }),
    missingPermissions: Type.Array(Type.String(), { description: 'e.g. SendMessages, EmbedLinks' }),
    problem: Type.Union([Type.String(), Type.Null()], { description: 'Why the check failed, if it did' }),
  },
  { title: 'DiscordChannelChoice' },
);
/** A channel choice in responses. */
export type ChannelChoiceView = Static<typeof ChannelChoice>;

/** Body of `PUT .../channels`. */
export const ChannelChoiceBody = Type.Object(
  {
    kind: PostKindSchema,
    tournamentId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    channelId: Snowflake,
  },
  { additionalProperties: false },
);

/** Query of `GET .../channels`. */
export const ChannelListQuery = Type.Object({
  tournamentId: Type.Optional(
    Type.Integer({ minimum: 1, description: "Only this tournament's choices and the org defaults" }),
  ),
});

export const ChannelChoiceParams = Type.Object({ org: Type.String(), id: Type.Integer({ minimum: 1 }) });
