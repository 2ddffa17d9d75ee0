import type { PermissionOverwrite } from './permissions.js';

/** A Discord user (human or bot) as the emulator stores it. */
export interface EmulatedUser {
  id: string;
  username: string;
  globalName: string | null;
  avatar: string | null;
  bot: boolean;
  email: string | null;
  verified: boolean;
  /** False when the user does not accept DMs: sending them one answers 50007. */
  acceptsDms: boolean;
}

/** A Discord application, usually with a bot user (its id equals the application id). */
export interface EmulatedApplication {
  id: string;
  /** Same as `id`: the OAuth2 client id. */
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  /** The bot user and its token, or null for an OAuth2-only application. */
  bot: { user: EmulatedUser; token: string } | null;
}

/** A guild role; the @everyone role has the guild's id. */
export interface EmulatedRole {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  color: number;
  managed: boolean;
}

/** A guild member. */
export interface EmulatedMember {
  userId: string;
  nick: string | null;
  roleIds: string[];
  joinedAt: Date;
}

/** A guild or DM channel. Types: 0 text, 1 DM, 2 voice, 4 category, 5 announcement, 13 stage. */
export interface EmulatedChannel {
  id: string;
  type: number;
  guildId: string | null;
  name: string | null;
  position: number;
  parentId: string | null;
  topic: string | null;
  overwrites: PermissionOverwrite[];
  /** DM channels: the recipient and the bot that opened it. */
  recipientIds: string[];
  lastMessageId: string | null;
}

/** A guild. */
export interface EmulatedGuild {
  id: string;
  name: string;
  icon: string | null;
  ownerId: string;
  roles: Map<string, EmulatedRole>;
  members: Map<string, EmulatedMember>;
  channelIds: string[];
}

/** A message as received (the JSON body fields) plus what the emulator assigned. */
export interface EmulatedMessage {
  id: string;
  channelId: string;
  guildId: string | null;
  authorId: string;
  content: string;
  /** Embeds as sent, with `type: 'rich'` added like Discord does. */
  embeds: Record<string, unknown>[];
  components: unknown[];
  tts: boolean;
  nonce: string | number | null;
  createdAt: Date;
  editedAt: Date | null;
  /** The whole JSON body of the create request. */
  body: Record<string, unknown>;
}

/** Scheduled event status: 1 scheduled, 2 active, 3 completed, 4 canceled. */
export type ScheduledEventStatus = 1 | 2 | 3 | 4;

/** A guild scheduled event in Discord's own field names. */
export interface EmulatedScheduledEvent {
  id: string;
  guild_id: string;
  channel_id: string | null;
  creator_id: string;
  name: string;
  description: string | null;
  scheduled_start_time: string;
  scheduled_end_time: string | null;
  privacy_level: number;
  status: ScheduledEventStatus;
  entity_type: 1 | 2 | 3;
  entity_id: string | null;
  entity_metadata: { location?: string } | null;
  image: string | null;
  recurrence_rule: unknown;
}
