import { type Static, Type } from 'typebox';

const Nullable = <T extends import('typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The instance bot as superadmins see it (never the token). */
export const Bot = Type.Object(
  {
    configured: Type.Boolean(),
    tokenSource: Nullable(
      Type.Union([Type.Literal('env'), Type.Literal('stored')], {
        description: 'env: RACEDESK_DISCORD_BOT_TOKEN wins',
      }),
    ),
    applicationId: Nullable(Type.String()),
    botUserId: Nullable(Type.String()),
    status: Type.Union([
      Type.Literal('unconfigured'),
      Type.Literal('connecting'),
      Type.Literal('connected'),
      Type.Literal('invalid_token'),
      Type.Literal('disconnected'),
    ]),
    statusMessage: Nullable(Type.String()),
    statusAt: Nullable(Type.String({ format: 'date-time' })),
  },
  { title: 'DiscordBot' },
);
/** The bot view. */
export type BotView = Static<typeof Bot>;

/** Body of `PUT /api/v1/discord-notify/bot`. */
export const BotBody = Type.Object(
  {
    token: Type.Optional(
      Type.String({
        minLength: 10,
        maxLength: 200,
        description: 'Bot token; stored encrypted, never returned',
      }),
    ),
    applicationId: Type.String({ pattern: '^[0-9]{5,25}$', description: 'Discord application id' }),
  },
  { additionalProperties: false },
);
