/** Permission bit flags (the subset Racedesk cares about), as in Discord's documentation. */
export const Permission = {
  CreateInstantInvite: 1n << 0n,
  KickMembers: 1n << 1n,
  BanMembers: 1n << 2n,
  Administrator: 1n << 3n,
  ManageChannels: 1n << 4n,
  ManageGuild: 1n << 5n,
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  ManageMessages: 1n << 13n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  MentionEveryone: 1n << 17n,
  ManageRoles: 1n << 28n,
  ManageEvents: 1n << 33n,
  CreateEvents: 1n << 44n,
} as const;

/** Every permission bit Discord currently defines (used for owners and administrators). */
export const ALL_PERMISSIONS = (1n << 51n) - 1n;

/** A permission set given as flag names or as a raw bit field. */
export type PermissionInput = bigint | string | Array<keyof typeof Permission>;

/** Turns flag names, a bigint or a decimal string into a bit field. */
export function toPermissionBits(input: PermissionInput | undefined): bigint {
  if (input === undefined) return 0n;
  if (typeof input === 'bigint') return input;
  if (typeof input === 'string') return BigInt(input);
  return input.reduce((bits, name) => bits | Permission[name], 0n);
}

/** A channel permission overwrite: `type` 0 = role, 1 = member. */
export interface PermissionOverwrite {
  id: string;
  type: 0 | 1;
  allow: bigint;
  deny: bigint;
}

/** What the permission algorithm needs to know about a guild and one member. */
export interface PermissionSubject {
  guildId: string;
  ownerId: string;
  userId: string;
  /** The member's role ids (without @everyone, whose id is the guild id). */
  roleIds: readonly string[];
  rolePermissions(roleId: string): bigint;
}

/** Guild-level permissions, per "Permissions > Permission Hierarchy" in Discord's docs. */
export function basePermissions(subject: PermissionSubject): bigint {
  if (subject.userId === subject.ownerId) return ALL_PERMISSIONS;
  let bits = subject.rolePermissions(subject.guildId);
  for (const roleId of subject.roleIds) bits |= subject.rolePermissions(roleId);
  return bits & Permission.Administrator ? ALL_PERMISSIONS : bits;
}

/** Channel permissions: base, then @everyone, role and member overwrites in Discord's order. */
export function channelPermissions(
  subject: PermissionSubject,
  overwrites: readonly PermissionOverwrite[],
): bigint {
  let bits = basePermissions(subject);
  if (bits & Permission.Administrator) return ALL_PERMISSIONS;
  const everyone = overwrites.find((o) => o.id === subject.guildId);
  if (everyone) bits = (bits & ~everyone.deny) | everyone.allow;
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && subject.roleIds.includes(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  bits = (bits & ~deny) | allow;
  const member = overwrites.find((o) => o.type === 1 && o.id === subject.userId);
  if (member) bits = (bits & ~member.deny) | member.allow;
  return bits;
}
