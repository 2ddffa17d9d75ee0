import type { DiscordState } from './emulator-state.js';
import type { Gateway } from './gateway.js';
import { messageJson } from './json-shapes.js';
import type { EmulatedMessage } from './model.js';

/** OAuth2 controls for tests. */
export interface OAuthControls {
  /**
   * Who is signed in at `GET /oauth2/authorize` and what they click. `null` = nobody (redirect to
   * `/login`). `approve: false` denies (`error=access_denied`). `guildId` is the guild picked for a bot
   * install when the URL has none. Default: nobody.
   */
  loginAs(userId: string | null, options?: { approve?: boolean; guildId?: string }): void;
  /** Issues a user token directly (skipping the browser), as if `userId` had authorized `clientId`. */
  issueToken(
    clientId: string,
    userId: string,
    scopes?: string[],
  ): { accessToken: string; refreshToken: string };
}

/** Gateway controls for tests. */
export interface GatewayControls {
  /** Sends a dispatch (`t` = `event`) to the bots in `guildId`, or to every bot when omitted. */
  dispatch(event: string, data: unknown, guildId?: string): void;
  /**
   * A user DMs a bot: stores the message and dispatches MESSAGE_CREATE with `channel_type: 1`
   * (a client needs the DirectMessages and MessageContent intents and the Channel partial).
   */
  receiveDm(input: { from: string; toBot: string; content: string }): EmulatedMessage;
  /** Drops every gateway connection: close `code` (4000 lets clients resume) or abruptly when omitted. */
  drop(code?: number): void;
  /** Sessions with an open connection. */
  readonly readySessions: number;
  readonly heartbeatIntervalMs: number;
}

export function createOAuthControls(state: DiscordState): OAuthControls {
  return {
    loginAs: (userId, options = {}) => {
      if (userId) state.store.user(userId);
      state.consent = { userId, approve: options.approve ?? true, guildId: options.guildId ?? null };
    },
    issueToken: (clientId, userId, scopes = ['identify', 'guilds']) => {
      state.store.user(userId);
      const grant = state.tokens.issue({ clientId, userId, scopes, guildId: null, permissions: null });
      return { accessToken: grant.accessToken, refreshToken: grant.refreshToken };
    },
  };
}

export function createGatewayControls(state: DiscordState, gateway: Gateway): GatewayControls {
  return {
    dispatch: (event, data, guildId) => gateway.dispatch(event, data, guildId ?? null),
    receiveDm: ({ from, toBot, content }) => {
      state.store.user(from);
      const channel = state.store.openDm(toBot, from);
      const message: EmulatedMessage = {
        id: state.store.ids.next(),
        channelId: channel.id,
        guildId: null,
        authorId: from,
        content,
        embeds: [],
        components: [],
        tts: false,
        nonce: null,
        createdAt: state.clock.now(),
        editedAt: null,
        body: { content },
      };
      state.store.addMessage(message);
      gateway.dispatch('MESSAGE_CREATE', { ...messageJson(state.store, message), channel_type: 1 }, null);
      return message;
    },
    drop: (code) => gateway.drop(code),
    get readySessions() {
      return gateway.readySessions;
    },
    heartbeatIntervalMs: gateway.heartbeatIntervalMs,
  };
}
