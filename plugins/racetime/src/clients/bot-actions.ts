import { randomUUID } from 'node:crypto';

/** A client → server frame on `/ws/o/bot/{slug}` (reference §5.2). */
export interface BotActionFrame {
  action: string;
  /** Always an object: racetime.gg drops the connection when an action that reads `data` gets none. */
  data: Record<string, unknown>;
}

/** A chat button (reference §5.4 "Action buttons"): posts a message, or links somewhere. */
export type ChatButton =
  | { message: string; submit?: string; help?: string; survey?: Record<string, unknown>[] }
  | { url: string; help?: string };

/** Options of {@link botActions.message}. */
export interface ChatMessageOptions {
  /** Lower-case dedupe key: a repeated guid within 300 s is ignored by racetime.gg. Default: a random UUID. */
  guid?: string;
  /** Sends a DM to this user id instead (buttons and pinning are then dropped by the server). */
  directTo?: string;
  /** Up to 4 buttons, keyed by label. */
  actions?: Record<string, ChatButton>;
  pinned?: boolean;
}

const userAction = (action: string) => (userId: string) => frame(action, { user: userId });
const frame = (action: string, data: Record<string, unknown> = {}): BotActionFrame => ({ action, data });

/** Builders for every bot action with its exact payload (reference §5.4). */
export const botActions = {
  /** Posts a bot chat message (`message`); resending the same frame never posts twice (same guid). */
  message(text: string, options: ChatMessageOptions = {}): BotActionFrame {
    return frame('message', {
      message: text,
      guid: options.guid ?? randomUUID(),
      direct_to: options.directTo ?? null,
      actions: options.actions ?? null,
      pinned: options.pinned ?? false,
    });
  },
  pinMessage: (messageId: string) => frame('pin_message', { message: messageId }),
  unpinMessage: (messageId: string) => frame('unpin_message', { message: messageId }),
  /** `setinfo`: only non-empty values are written by racetime.gg (an empty string cannot clear a field). */
  setInfo(info: { infoBot?: string; infoUser?: string }): BotActionFrame {
    const data: Record<string, unknown> = {};
    if (info.infoBot !== undefined) data.info_bot = info.infoBot;
    if (info.infoUser !== undefined) data.info_user = info.infoUser;
    return frame('setinfo', data);
  },
  /** Shallow-merges keys into `bot_meta` (≤2048 chars serialized); broadcast only with the next change. */
  setMeta: (meta: Record<string, unknown>) => frame('setmeta', meta),
  makeOpen: () => frame('make_open'),
  makeInvitational: () => frame('make_invitational'),
  /** Force start: needs at least 2 ready entrants. */
  begin: () => frame('begin'),
  cancel: () => frame('cancel'),
  /** Invites a racetime user (by id) to the room. */
  invite: userAction('invite'),
  acceptRequest: userAction('accept_request'),
  forceUnready: userAction('force_unready'),
  removeEntrant: userAction('remove_entrant'),
  addMonitor: userAction('add_monitor'),
  removeMonitor: userAction('remove_monitor'),
  overrideStream: userAction('override_stream'),
  /** Asks for `race.data` again. */
  getRace: () => frame('getrace'),
  /** Asks for `chat.history`, all of it or only what followed `lastMessageId`. */
  getHistory: (lastMessageId?: string) =>
    frame('gethistory', lastMessageId ? { last_message: lastMessageId } : {}),
  ping: () => frame('ping'),
} as const;
