import { PermissionFlagsBits, type REST, Routes } from 'discord.js';

interface ApiRole {
  id: string;
  permissions: string;
}
interface ApiGuild {
  id: string;
  name: string;
  owner_id: string;
  roles: ApiRole[];
}
interface ApiMember {
  roles: string[];
}
interface ApiOverwrite {
  id: string;
  type: number;
  allow: string;
  deny: string;
}
/** A guild channel as Discord returns it (the fields used here). */
export interface ApiChannel {
  id: string;
  name?: string;
  type: number;
  guild_id?: string;
  permission_overwrites?: ApiOverwrite[];
}

/** What the bot needs to post embeds in a channel. */
export const POST_PERMISSIONS = {
  ViewChannel: PermissionFlagsBits.ViewChannel,
  SendMessages: PermissionFlagsBits.SendMessages,
  EmbedLinks: PermissionFlagsBits.EmbedLinks,
} as const;

/** What the install URL asks for: posting embeds plus managing the guild's scheduled events. */
export const INSTALL_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.ManageEvents |
  PermissionFlagsBits.CreateEvents;

/** Reads a guild with its roles. */
export const fetchGuild = (rest: REST, guildId: string) =>
  rest.get(Routes.guild(guildId)) as Promise<ApiGuild>;

/** A member's guild-level permissions, as Discord computes them (owner and Administrator get all). */
export async function guildPermissions(rest: REST, guild: ApiGuild, userId: string): Promise<bigint> {
  if (guild.owner_id === userId) return PermissionFlagsBits.Administrator | allBits(guild);
  const member = (await rest.get(Routes.guildMember(guild.id, userId))) as ApiMember;
  let bits = 0n;
  for (const role of guild.roles) {
    if (role.id === guild.id || member.roles.includes(role.id)) bits |= BigInt(role.permissions);
  }
  return bits;
}

const allBits = (guild: ApiGuild) => guild.roles.reduce((acc, r) => acc | BigInt(r.permissions), 0n) | ~0n;

/** A member's permissions in a guild channel: base, then @everyone, role and member overwrites. */
export async function channelPermissions(rest: REST, channel: ApiChannel, userId: string): Promise<bigint> {
  const guild = await fetchGuild(rest, channel.guild_id ?? '');
  let bits = await guildPermissions(rest, guild, userId);
  if (bits & PermissionFlagsBits.Administrator) return ~0n;
  const member =
    guild.owner_id === userId
      ? { roles: [] }
      : ((await rest.get(Routes.guildMember(guild.id, userId))) as ApiMember);
  const overwrites = channel.permission_overwrites ?? [];
  const apply = (o: ApiOverwrite | undefined) => {
    if (o) bits = (bits & ~BigInt(o.deny)) | BigInt(o.allow);
  };
  apply(overwrites.find((o) => o.id === guild.id));
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== guild.id && member.roles.includes(o.id)) {
      allow |= BigInt(o.allow);
      deny |= BigInt(o.deny);
    }
  }
  bits = (bits & ~deny) | allow;
  apply(overwrites.find((o) => o.type === 1 && o.id === userId));
  return bits;
}

/** Names of the post permissions missing from `bits` (ViewChannel missing hides the channel). */
export function missingPostPermissions(bits: bigint): string[] {
  return Object.entries(POST_PERMISSIONS)
    .filter(([, bit]) => !(bits & bit))
    .map(([name]) => name);
}
