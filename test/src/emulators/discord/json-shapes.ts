import type {
  EmulatedChannel,
  EmulatedGuild,
  EmulatedMember,
  EmulatedMessage,
  EmulatedRole,
  EmulatedUser,
} from './model.js';
import type { DiscordStore } from './store.js';

/** A JSON object as sent on the wire. */
export type JsonObject = Record<string, unknown>;

/** Discord's ISO8601 form: `2030-01-07T12:00:00.123000+00:00` (microseconds, explicit offset). */
export function discordTimestamp(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000+00:00');
}

/** Scheduled-event times are echoed without fractions: `2030-01-07T12:00:00+00:00`. */
export function eventTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export function userJson(user: EmulatedUser, withEmail = false): JsonObject {
  return {
    id: user.id,
    username: user.username,
    discriminator: '0',
    global_name: user.globalName,
    avatar: user.avatar,
    ...(user.bot ? { bot: true } : {}),
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
    ...(withEmail ? { email: user.email, verified: user.verified } : {}),
  };
}

export function roleJson(role: EmulatedRole): JsonObject {
  return {
    id: role.id,
    name: role.name,
    color: role.color,
    colors: { primary_color: role.color, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: false,
    flags: 0,
  };
}

export function channelJson(store: DiscordStore, channel: EmulatedChannel, withGuildId = true): JsonObject {
  if (channel.type === 1) {
    return {
      id: channel.id,
      type: 1,
      last_message_id: channel.lastMessageId,
      flags: 0,
      recipients: channel.recipientIds.slice(0, 1).map((id) => userJson(store.user(id))),
    };
  }
  return {
    id: channel.id,
    type: channel.type,
    ...(withGuildId ? { guild_id: channel.guildId } : {}),
    name: channel.name,
    position: channel.position,
    parent_id: channel.parentId,
    topic: channel.topic,
    nsfw: false,
    last_message_id: channel.lastMessageId,
    rate_limit_per_user: 0,
    flags: 0,
    permission_overwrites: channel.overwrites.map((o) => ({
      id: o.id,
      type: o.type,
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    })),
  };
}

export function memberJson(store: DiscordStore, member: EmulatedMember): JsonObject {
  return {
    user: userJson(store.user(member.userId)),
    nick: member.nick,
    avatar: null,
    banner: null,
    roles: member.roleIds,
    joined_at: discordTimestamp(member.joinedAt),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
  };
}

export function guildJson(guild: EmulatedGuild): JsonObject {
  return {
    id: guild.id,
    name: guild.name,
    icon: guild.icon,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [...guild.roles.values()].map(roleJson),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: 'en-US',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

/** The full guild of a gateway GUILD_CREATE (channels without `guild_id`, members included). */
export function gatewayGuildJson(store: DiscordStore, guild: EmulatedGuild, botUserId: string): JsonObject {
  const bot = guild.members.get(botUserId);
  return {
    ...guildJson(guild),
    joined_at: discordTimestamp(bot?.joinedAt ?? store.clock.now()),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    members: [...guild.members.values()].map((m) => memberJson(store, m)),
    channels: guild.channelIds.map((id) => channelJson(store, store.channel(id), false)),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [...store.guildEvents(guild.id).values()],
  };
}

export function messageJson(store: DiscordStore, message: EmulatedMessage): JsonObject {
  return {
    id: message.id,
    type: 0,
    channel_id: message.channelId,
    author: userJson(store.user(message.authorId)),
    content: message.content,
    timestamp: discordTimestamp(message.createdAt),
    edited_timestamp: message.editedAt ? discordTimestamp(message.editedAt) : null,
    tts: message.tts,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: message.embeds,
    pinned: false,
    flags: 0,
    components: message.components,
    ...(message.nonce !== null ? { nonce: message.nonce } : {}),
  };
}
