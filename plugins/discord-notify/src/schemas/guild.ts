import { type Static, Type } from 'typebox';

const Snowflake = Type.String({ pattern: '^[0-9]{5,25}$', description: 'Discord id' });

/** A Discord guild linked to an organization. */
export const GuildLink = Type.Object(
  {
    guildId: Snowflake,
    guildName: Type.String(),
    linkedBy: Type.Union([Type.Integer(), Type.Null()]),
    linkedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'DiscordGuildLink' },
);
/** A guild link in responses. */
export type GuildLinkView = Static<typeof GuildLink>;

/** `:guildId` in guild routes. */
export const GuildParams = Type.Object({ org: Type.String(), guildId: Snowflake });

/** The bot-install URL to open in a browser. */
export const InstallUrl = Type.Object({
  url: Type.String({ description: 'Discord bot-install URL with a signed state (valid 15 minutes)' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

/** Query of the install callback, as Discord sends it back. */
export const CallbackQuery = Type.Object({
  state: Type.String({ maxLength: 1000 }),
  guild_id: Type.Optional(Snowflake),
  code: Type.Optional(Type.String({ maxLength: 200 })),
  permissions: Type.Optional(Type.String({ maxLength: 30 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
  error_description: Type.Optional(Type.String({ maxLength: 1000 })),
});

/** A guild linked by the callback, with its organization. */
export const LinkedGuild = Type.Object({ ...GuildLink.properties, orgId: Type.Integer() });

export { Snowflake };
