import type { DiscordState } from './emulator-state.js';
import { apiError, type Exchange, type Reply } from './http-exchange.js';
import type { EmulatedChannel, EmulatedGuild } from './model.js';
import { Permission } from './permissions.js';

/** A handler's lookup result: the thing, or the error reply to send instead. */
export type Lookup<T> = { ok: true; value: T } | { ok: false; reply: Reply };

const fail = <T>(reply: Reply): Lookup<T> => ({ ok: false, reply });

/**
 * The channel named by `:channel_id` if the calling bot may see it and has `needed` permissions.
 * Unknown → 10003; not a recipient/member or cannot view → 50001; lacking `needed` → 50013.
 */
export function accessChannel(state: DiscordState, exchange: Exchange, needed = 0n): Lookup<EmulatedChannel> {
  const channel = state.store.channels.get(exchange.params.channel_id ?? '');
  if (!channel) return fail(apiError(10003));
  const userId = exchange.caller.kind === 'none' ? '' : exchange.caller.user.id;
  if (!channel.guildId) {
    return channel.recipientIds.includes(userId) ? { ok: true, value: channel } : fail(apiError(50001));
  }
  const bits = state.store.channelPermissions(channel.id, userId);
  if (!(bits & Permission.ViewChannel)) return fail(apiError(50001));
  if ((bits & needed) !== needed) return fail(apiError(50013));
  return { ok: true, value: channel };
}

/** The guild named by `:guild_id` if the caller is a member with `needed` (or any of `anyOf`) permissions. */
export function accessGuild(
  state: DiscordState,
  exchange: Exchange,
  needed = 0n,
  anyOf = 0n,
): Lookup<EmulatedGuild> {
  const guild = state.store.guilds.get(exchange.params.guild_id ?? '');
  if (!guild) return fail(apiError(10004));
  const userId = exchange.caller.kind === 'none' ? '' : exchange.caller.user.id;
  if (!guild.members.has(userId)) return fail(apiError(50001));
  const bits = state.store.guildPermissions(guild.id, userId);
  if ((bits & needed) !== needed || (anyOf && !(bits & anyOf))) return fail(apiError(50013));
  return { ok: true, value: guild };
}
