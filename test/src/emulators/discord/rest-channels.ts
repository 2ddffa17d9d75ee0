import { accessChannel } from './channel-access.js';
import { validateMessageBody } from './embed-limits.js';
import type { DiscordState } from './emulator-state.js';
import {
  apiError,
  bodyObject,
  callerUser,
  invalidForm,
  json,
  noContent,
  type Route,
} from './http-exchange.js';
import { channelJson, messageJson } from './json-shapes.js';
import type { EmulatedMessage } from './model.js';
import { Permission } from './permissions.js';

type Obj = Record<string, unknown>;

const richEmbeds = (value: unknown): Obj[] =>
  (Array.isArray(value) ? (value as Obj[]) : []).map((embed) => ({ type: 'rich', ...embed }));

const nonceOf = (value: unknown): string | number | null =>
  typeof value === 'string' || typeof value === 'number' ? value : null;

/**
 * How long `enforce_nonce` remembers a nonce. Discord documents "the past few minutes" without a
 * figure; five minutes here.
 */
export const NONCE_WINDOW_MS = 5 * 60_000;

/** Channel and message routes. */
export const CHANNEL_ROUTES: Route<DiscordState>[] = [
  {
    method: 'GET',
    path: '/channels/:channel_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessChannel(state, ex);
      return found.ok ? json(200, channelJson(state.store, found.value)) : found.reply;
    },
  },
  {
    method: 'POST',
    path: '/channels/:channel_id/messages',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessChannel(state, ex, Permission.SendMessages);
      if (!found.ok) return found.reply;
      const channel = found.value;
      const author = callerUser(ex);
      if (!author) return apiError(0);
      // A DM to someone who turned DMs off (or to another bot) fails only when sending, like Discord.
      const recipient = channel.type === 1 ? state.store.users.get(channel.recipientIds[0] ?? '') : undefined;
      if (recipient && (!recipient.acceptsDms || recipient.bot)) return apiError(50007);
      const body = bodyObject(ex);
      const invalid = validateMessageBody(body);
      if (invalid === 'empty') return apiError(50006);
      if (invalid) return invalidForm(invalid);
      const nonce = nonceOf(body.nonce);
      if (body.enforce_nonce === true && nonce !== null) {
        // Discord: with enforce_nonce, a nonce the same author used in this channel in the past few
        // minutes returns that message instead of creating another.
        const since = state.clock.now().getTime() - NONCE_WINDOW_MS;
        const earlier = (state.store.messages.get(channel.id) ?? []).find(
          (m) =>
            m.authorId === author.id &&
            m.nonce !== null &&
            String(m.nonce) === String(nonce) &&
            m.createdAt.getTime() >= since,
        );
        if (earlier) return json(200, messageJson(state.store, earlier));
      }
      const message: EmulatedMessage = {
        id: state.store.ids.next(),
        channelId: channel.id,
        guildId: channel.guildId,
        authorId: author.id,
        content: typeof body.content === 'string' ? body.content : '',
        embeds: richEmbeds(body.embeds),
        components: Array.isArray(body.components) ? body.components : [],
        tts: body.tts === true,
        nonce,
        createdAt: state.clock.now(),
        editedAt: null,
        body,
      };
      state.store.addMessage(message);
      state.log.recordMessage(message);
      const payload = messageJson(state.store, message);
      state.dispatch(
        'MESSAGE_CREATE',
        { ...payload, channel_type: channel.type, guild_id: channel.guildId ?? undefined },
        channel.guildId,
      );
      return json(200, payload);
    },
  },
  {
    method: 'GET',
    path: '/channels/:channel_id/messages',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessChannel(state, ex, Permission.ReadMessageHistory);
      if (!found.ok) return found.reply;
      const limit = Math.min(100, Math.max(1, Number(ex.query.get('limit') ?? 50)));
      const before = ex.query.get('before');
      const after = ex.query.get('after');
      const list = (state.store.messages.get(found.value.id) ?? [])
        .filter((m) => (!before || BigInt(m.id) < BigInt(before)) && (!after || BigInt(m.id) > BigInt(after)))
        .reverse()
        .slice(0, limit);
      return json(
        200,
        list.map((m) => messageJson(state.store, m)),
      );
    },
  },
  {
    method: 'GET',
    path: '/channels/:channel_id/messages/:message_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessChannel(state, ex, Permission.ReadMessageHistory);
      if (!found.ok) return found.reply;
      const message = state.store.messages.get(found.value.id)?.find((m) => m.id === ex.params.message_id);
      return message ? json(200, messageJson(state.store, message)) : apiError(10008);
    },
  },
  {
    method: 'PATCH',
    path: '/channels/:channel_id/messages/:message_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessChannel(state, ex);
      if (!found.ok) return found.reply;
      const message = state.store.messages.get(found.value.id)?.find((m) => m.id === ex.params.message_id);
      if (!message) return apiError(10008);
      if (message.authorId !== callerUser(ex)?.id) return apiError(50005);
      const body = bodyObject(ex);
      const invalid = validateMessageBody(body, false);
      if (invalid && invalid !== 'empty') return invalidForm(invalid);
      if (typeof body.content === 'string') message.content = body.content;
      if (Array.isArray(body.embeds)) message.embeds = richEmbeds(body.embeds);
      if (Array.isArray(body.components)) message.components = body.components;
      message.editedAt = state.clock.now();
      return json(200, messageJson(state.store, message));
    },
  },
  {
    method: 'DELETE',
    path: '/channels/:channel_id/messages/:message_id',
    auth: 'bot',
    handle: (state, ex) => {
      const found = accessChannel(state, ex);
      if (!found.ok) return found.reply;
      const list = state.store.messages.get(found.value.id) ?? [];
      const index = list.findIndex((m) => m.id === ex.params.message_id);
      if (index < 0) return apiError(10008);
      if (list[index]?.authorId !== callerUser(ex)?.id) {
        const bits = state.store.channelPermissions(found.value.id, callerUser(ex)?.id ?? '');
        if (!(bits & Permission.ManageMessages)) return apiError(50013);
      }
      list.splice(index, 1);
      return noContent();
    },
  },
];
