import { JsonReader } from './json-reader.js';

/** A chat message from `chat.message` / `chat.history` frames (reference §5.3), typed where used. */
export interface RacetimeChatMessage {
  id: string;
  /** With markup such as `##bot##Name##`; see `messagePlain` for the text alone. */
  message: string;
  messagePlain: string;
  /** The author's racetime user id; `null` for bot and system messages. */
  userId: string | null;
  userName: string | null;
  /** The posting bot's name, for bot messages. */
  bot: string | null;
  isBot: boolean;
  isSystem: boolean;
  isDm: boolean;
  isPinned: boolean;
  /** True when the author can monitor the race (`null` for bot/system messages). */
  isMonitor: boolean | null;
  postedAt: string;
}

/** Reads a message object; throws a `bad_response` RacetimeError when it is malformed. */
export function parseChatMessage(value: unknown, path = 'message'): RacetimeChatMessage {
  const json = JsonReader.of(value, path);
  const user = json.optionalObject('user');
  const message = json.string('message');
  const isMonitor = json.raw('is_monitor');
  return {
    id: json.string('id'),
    message,
    messagePlain: json.optionalString('message_plain') ?? message,
    userId: user?.string('id') ?? null,
    userName: user?.string('name') ?? null,
    bot: json.optionalString('bot'),
    isBot: json.boolean('is_bot', false),
    isSystem: json.boolean('is_system', false),
    isDm: json.boolean('is_dm', false),
    isPinned: json.boolean('is_pinned', false),
    isMonitor: typeof isMonitor === 'boolean' ? isMonitor : null,
    postedAt: json.string('posted_at'),
  };
}
