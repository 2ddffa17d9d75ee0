import { randomBytes } from 'node:crypto';
import type { Clock } from '@racedesk/core';
import type {
  EmulatedApplication,
  EmulatedChannel,
  EmulatedGuild,
  EmulatedMember,
  EmulatedMessage,
  EmulatedRole,
  EmulatedScheduledEvent,
  EmulatedUser,
} from './model.js';
import {
  basePermissions,
  channelPermissions,
  Permission,
  type PermissionSubject,
  toPermissionBits,
} from './permissions.js';
import { SnowflakeGenerator } from './snowflake.js';
import type {
  ApplicationInput,
  ChannelInput,
  GuildInput,
  MemberInput,
  OverwriteInput,
  RoleInput,
  UserInput,
} from './store-inputs.js';

/** What @everyone may do unless a test says otherwise (close to a new guild's default). */
const DEFAULT_EVERYONE =
  Permission.CreateInstantInvite |
  Permission.AddReactions |
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.MentionEveryone;

const random = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** Thrown by store operations given unknown ids, so test setup mistakes fail loudly. */
export class DiscordStoreError extends Error {}

/** Everything the emulator knows: users, applications, guilds, channels, messages, events. */
export class DiscordStore {
  readonly ids: SnowflakeGenerator;
  readonly users = new Map<string, EmulatedUser>();
  readonly applications = new Map<string, EmulatedApplication>();
  readonly guilds = new Map<string, EmulatedGuild>();
  readonly channels = new Map<string, EmulatedChannel>();
  readonly messages = new Map<string, EmulatedMessage[]>();
  readonly scheduledEvents = new Map<string, Map<string, EmulatedScheduledEvent>>();

  constructor(readonly clock: Clock) {
    this.ids = new SnowflakeGenerator(clock);
  }

  createUser(input: UserInput, bot = false): EmulatedUser {
    const user: EmulatedUser = {
      id: input.id ?? this.ids.next(),
      username: input.username,
      globalName: input.globalName ?? null,
      avatar: input.avatar ?? null,
      bot,
      email: input.email ?? (bot ? null : `${input.username}@example.test`),
      verified: true,
      acceptsDms: input.acceptsDms ?? true,
    };
    this.users.set(user.id, user);
    return user;
  }

  user(id: string): EmulatedUser {
    const user = this.users.get(id);
    if (!user) throw new DiscordStoreError(`No emulated Discord user ${id}`);
    return user;
  }

  createApplication(input: ApplicationInput = {}): EmulatedApplication {
    const id = input.id ?? this.ids.next();
    const name = input.name ?? 'Racedesk';
    const withBot = input.withBot ?? true;
    const app: EmulatedApplication = {
      id,
      clientId: id,
      clientSecret: input.clientSecret ?? random(24),
      name,
      redirectUris: input.redirectUris ?? [],
      bot: null,
    };
    if (withBot) {
      const user = this.createUser({ id, username: input.botUsername ?? name.toLowerCase() }, true);
      const token = input.botToken ?? `${Buffer.from(id).toString('base64url')}.${random(5)}.${random(28)}`;
      app.bot = { user, token };
    }
    this.applications.set(id, app);
    return app;
  }

  applicationByBotToken(token: string): EmulatedApplication | undefined {
    return [...this.applications.values()].find((a) => a.bot?.token === token);
  }

  createGuild(input: GuildInput): EmulatedGuild {
    this.user(input.ownerId);
    const id = input.id ?? this.ids.next();
    const guild: EmulatedGuild = {
      id,
      name: input.name,
      icon: input.icon ?? null,
      ownerId: input.ownerId,
      roles: new Map(),
      members: new Map(),
      channelIds: [],
    };
    this.guilds.set(id, guild);
    const everyone = input.everyonePermissions;
    this.addRole(id, { id, name: '@everyone', position: 0, permissions: everyone ?? DEFAULT_EVERYONE });
    for (const role of input.roles ?? []) this.addRole(id, role);
    this.addMember(id, { userId: input.ownerId });
    for (const member of input.members ?? []) this.addMember(id, member);
    for (const channel of input.channels ?? []) this.addChannel(id, channel);
    return guild;
  }

  guild(id: string): EmulatedGuild {
    const guild = this.guilds.get(id);
    if (!guild) throw new DiscordStoreError(`No emulated guild ${id}`);
    return guild;
  }

  addRole(guildId: string, input: RoleInput): EmulatedRole {
    const guild = this.guild(guildId);
    const role: EmulatedRole = {
      id: input.id ?? this.ids.next(),
      name: input.name,
      permissions: toPermissionBits(input.permissions),
      position: input.position ?? guild.roles.size,
      color: input.color ?? 0,
      managed: input.managed ?? false,
    };
    guild.roles.set(role.id, role);
    return role;
  }

  /** Finds a role by id or by name (`@everyone` included). */
  role(guildId: string, idOrName: string): EmulatedRole {
    const guild = this.guild(guildId);
    const role = guild.roles.get(idOrName) ?? [...guild.roles.values()].find((r) => r.name === idOrName);
    if (!role) throw new DiscordStoreError(`No role "${idOrName}" in guild ${guildId}`);
    return role;
  }

  addMember(guildId: string, input: MemberInput): EmulatedMember {
    const guild = this.guild(guildId);
    this.user(input.userId);
    const member: EmulatedMember = {
      userId: input.userId,
      nick: input.nick ?? null,
      roleIds: (input.roles ?? []).map((r) => this.role(guildId, r).id),
      joinedAt: this.clock.now(),
    };
    guild.members.set(member.userId, member);
    return member;
  }

  addChannel(guildId: string, input: ChannelInput): EmulatedChannel {
    const guild = this.guild(guildId);
    const channel: EmulatedChannel = {
      id: input.id ?? this.ids.next(),
      type: input.type ?? 0,
      guildId,
      name: input.name,
      position: guild.channelIds.length,
      parentId: input.parentId ?? null,
      topic: input.topic ?? null,
      overwrites: [],
      recipientIds: [],
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    guild.channelIds.push(channel.id);
    for (const overwrite of input.overwrites ?? []) this.setOverwrite(channel.id, overwrite);
    return channel;
  }

  channel(id: string): EmulatedChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new DiscordStoreError(`No emulated channel ${id}`);
    return channel;
  }

  /** Adds or replaces a permission overwrite on a guild channel. */
  setOverwrite(channelId: string, input: OverwriteInput): void {
    const channel = this.channel(channelId);
    const id = input.type === 'role' ? this.role(channel.guildId ?? '', input.target).id : input.target;
    channel.overwrites = channel.overwrites.filter((o) => o.id !== id);
    channel.overwrites.push({
      id,
      type: input.type === 'role' ? 0 : 1,
      allow: toPermissionBits(input.allow),
      deny: toPermissionBits(input.deny),
    });
  }

  /** The DM channel between a bot and a user, created on first use and then always the same. */
  openDm(botUserId: string, userId: string): EmulatedChannel {
    const existing = [...this.channels.values()].find(
      (c) => c.type === 1 && c.recipientIds[0] === userId && c.recipientIds[1] === botUserId,
    );
    if (existing) return existing;
    const channel: EmulatedChannel = {
      id: this.ids.next(),
      type: 1,
      guildId: null,
      name: null,
      position: 0,
      parentId: null,
      topic: null,
      overwrites: [],
      recipientIds: [userId, botUserId],
      lastMessageId: null,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  private subject(guild: EmulatedGuild, userId: string): PermissionSubject | null {
    const member = guild.members.get(userId);
    if (!member) return null;
    return {
      guildId: guild.id,
      ownerId: guild.ownerId,
      userId,
      roleIds: member.roleIds,
      rolePermissions: (roleId) => guild.roles.get(roleId)?.permissions ?? 0n,
    };
  }

  /** Guild-level permissions of a user; 0 when not a member. */
  guildPermissions(guildId: string, userId: string): bigint {
    const subject = this.subject(this.guild(guildId), userId);
    return subject ? basePermissions(subject) : 0n;
  }

  /** Permissions of a user in a guild channel, overwrites applied; 0 when not a member. */
  channelPermissions(channelId: string, userId: string): bigint {
    const channel = this.channel(channelId);
    const subject = channel.guildId ? this.subject(this.guild(channel.guildId), userId) : null;
    return subject ? channelPermissions(subject, channel.overwrites) : 0n;
  }

  addMessage(message: EmulatedMessage): void {
    const list = this.messages.get(message.channelId) ?? [];
    list.push(message);
    this.messages.set(message.channelId, list);
    this.channel(message.channelId).lastMessageId = message.id;
  }

  guildEvents(guildId: string): Map<string, EmulatedScheduledEvent> {
    let events = this.scheduledEvents.get(guildId);
    if (!events) {
      events = new Map();
      this.scheduledEvents.set(guildId, events);
    }
    return events;
  }
}
