import { type Static, Type } from 'typebox';

/** `plugins.discord-notify` in racedesk.config.json. Unset values fall back to the instance config. */
export const DiscordNotifyConfig = Type.Object({
  discordUrl: Type.Optional(
    Type.String({
      description:
        'Discord base URL (REST at <url>/api/v10); default RACEDESK_DISCORD_URL or https://discord.com',
    }),
  ),
  publicUrl: Type.Optional(
    Type.String({
      description: 'Public URL of this instance for the bot-install callback; default RACEDESK_PUBLIC_URL',
    }),
  ),
  gateway: Type.Boolean({
    default: true,
    description: 'Keep a gateway connection (status "connected"); false runs the bot over REST only',
  }),
  requestTimeoutMs: Type.Integer({
    minimum: 100,
    maximum: 120_000,
    default: 15_000,
    description: 'Timeout of each request to Discord',
  }),
});

/** The validated plugin configuration. */
export type DiscordNotifyConfigValue = Static<typeof DiscordNotifyConfig>;
