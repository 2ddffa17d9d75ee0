import type { PermissionInput } from './permissions.js';

/** A user to create; the id is generated when omitted. */
export interface UserInput {
  id?: string;
  username: string;
  globalName?: string | null;
  avatar?: string | null;
  email?: string | null;
  /** Default true; false makes every DM to this user fail with 50007. */
  acceptsDms?: boolean;
}

/** An application to register; ids, secret and bot token are generated when omitted. */
export interface ApplicationInput {
  name?: string;
  redirectUris?: string[];
  clientSecret?: string;
  /** Default true: the application has a bot user. */
  withBot?: boolean;
  botUsername?: string;
  /** A fixed bot token; default a realistic random one. */
  botToken?: string;
  id?: string;
}

/** A role to create in a guild. */
export interface RoleInput {
  id?: string;
  name: string;
  permissions?: PermissionInput;
  color?: number;
  position?: number;
  managed?: boolean;
}

/** A permission overwrite on a channel, for a role (id or name) or a member (user id). */
export interface OverwriteInput {
  /** A role id or role name (type `role`), or a user id (type `member`). `@everyone` works too. */
  target: string;
  type: 'role' | 'member';
  allow?: PermissionInput;
  deny?: PermissionInput;
}

/** A guild channel to create. */
export interface ChannelInput {
  id?: string;
  name: string;
  /** 0 text (default), 2 voice, 4 category, 5 announcement, 13 stage. */
  type?: number;
  parentId?: string | null;
  topic?: string | null;
  overwrites?: OverwriteInput[];
}

/** A member to add to a guild: roles by id or name. */
export interface MemberInput {
  userId: string;
  roles?: string[];
  nick?: string | null;
}

/** A guild to create. The owner becomes a member; the @everyone role is created automatically. */
export interface GuildInput {
  id?: string;
  name: string;
  ownerId: string;
  icon?: string | null;
  /** Permissions of @everyone; default Discord's usual member set (view, send, embed, history...). */
  everyonePermissions?: PermissionInput;
  roles?: RoleInput[];
  channels?: ChannelInput[];
  members?: MemberInput[];
}
