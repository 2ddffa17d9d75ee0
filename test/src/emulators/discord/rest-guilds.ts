import { accessGuild } from './channel-access.js';
import { FormErrors } from './discord-errors.js';
import type { DiscordState } from './emulator-state.js';
import { apiError, bodyObject, invalidForm, json, type Route } from './http-exchange.js';
import { channelJson, guildJson, memberJson, roleJson } from './json-shapes.js';
import { Permission } from './permissions.js';

type Obj = Record<string, unknown>;

/** Guild, channel list, role and member routes (bots only). */
export const GUILD_ROUTES: Route<DiscordState>[] = [
  {
    method: 'GET',
    path: '/guilds/:guild_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex);
      if (!found.ok) return found.reply;
      const counts =
        ex.query.get('with_counts') === 'true'
          ? { approximate_member_count: found.value.members.size, approximate_presence_count: 0 }
          : {};
      return json(200, { ...guildJson(found.value), ...counts });
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild_id/channels',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex);
      if (!found.ok) return found.reply;
      return json(
        200,
        found.value.channelIds.map((id) => channelJson(state.store, state.store.channel(id))),
      );
    },
  },
  {
    method: 'POST',
    path: '/guilds/:guild_id/channels',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex, Permission.ManageChannels);
      if (!found.ok) return found.reply;
      const body = bodyObject(ex);
      if (typeof body.name !== 'string' || body.name.length < 1 || body.name.length > 100) {
        const errors = new FormErrors();
        errors.add('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
        return invalidForm(errors);
      }
      const channel = state.store.addChannel(found.value.id, {
        name: body.name,
        type: typeof body.type === 'number' ? body.type : 0,
        topic: typeof body.topic === 'string' ? body.topic : null,
        parentId: typeof body.parent_id === 'string' ? body.parent_id : null,
      });
      for (const raw of Array.isArray(body.permission_overwrites)
        ? (body.permission_overwrites as Obj[])
        : []) {
        channel.overwrites.push({
          id: String(raw.id),
          type: raw.type === 1 || raw.type === '1' ? 1 : 0,
          allow: BigInt(String(raw.allow ?? '0')),
          deny: BigInt(String(raw.deny ?? '0')),
        });
      }
      const payload = channelJson(state.store, channel);
      state.dispatch('CHANNEL_CREATE', payload, found.value.id);
      return json(201, payload);
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild_id/roles',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex);
      return found.ok ? json(200, [...found.value.roles.values()].map(roleJson)) : found.reply;
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild_id/members',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex);
      if (!found.ok) return found.reply;
      const limit = Math.min(1000, Math.max(1, Number(ex.query.get('limit') ?? 1)));
      const after = BigInt(ex.query.get('after') ?? '0');
      const members = [...found.value.members.values()]
        .filter((m) => BigInt(m.userId) > after)
        .sort((a, b) => (BigInt(a.userId) < BigInt(b.userId) ? -1 : 1))
        .slice(0, limit);
      return json(
        200,
        members.map((m) => memberJson(state.store, m)),
      );
    },
  },
  {
    method: 'GET',
    path: '/guilds/:guild_id/members/:user_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessGuild(state, ex);
      if (!found.ok) return found.reply;
      // `@me` is a convenience of the emulator: the calling bot's own member.
      const userId =
        ex.params.user_id === '@me' && ex.caller.kind === 'bot' ? ex.caller.user.id : ex.params.user_id;
      const member = found.value.members.get(userId ?? '');
      return member ? json(200, memberJson(state.store, member)) : apiError(10007);
    },
  },
];
