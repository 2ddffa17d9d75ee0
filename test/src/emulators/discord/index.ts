/**
 * A Discord API v10 emulator that discord.js can log into: REST under `/api[/v10]`, OAuth2, the gateway
 * websocket and per-route rate limits on one local port, with every timer on an injected clock.
 */
import { realTimerClock, type TimerClock } from '../../clock.js';
import {
  createGatewayControls,
  createOAuthControls,
  type GatewayControls,
  type OAuthControls,
} from './emulator-controls.js';
import type { DiscordState } from './emulator-state.js';
import { DiscordFaults } from './faults.js';
import { Gateway, type GatewayOptions } from './gateway.js';
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
import { OAuthTokens } from './oauth-tokens.js';
import { RateLimiter, type RateLimitOptions } from './rate-limits.js';
import { RequestLog } from './request-log.js';
import { startServer } from './server.js';
import { DiscordStore } from './store.js';
import type {
  ApplicationInput,
  ChannelInput,
  GuildInput,
  MemberInput,
  OverwriteInput,
  RoleInput,
  UserInput,
} from './store-inputs.js';

export type { DiscordErrorCode } from './discord-errors.js';
export type { GatewayControls, OAuthControls } from './emulator-controls.js';
export type { FaultEffect, FaultOptions, RouteMatcher } from './faults.js';
export { DiscordFaults } from './faults.js';
export type { GatewayOptions } from './gateway.js';
export type * from './model.js';
export { Permission, type PermissionInput } from './permissions.js';
export { DEFAULT_ROUTE_LIMITS, type RateLimitOptions, type RateLimitRule } from './rate-limits.js';
export type { RecordedFrame, RecordedRequest } from './request-log.js';
export { RequestLog } from './request-log.js';
export { snowflakeTime } from './snowflake.js';
export { DiscordStore, DiscordStoreError } from './store.js';
export type * from './store-inputs.js';

/** Options of {@link startDiscordEmulator}. */
export interface DiscordEmulatorOptions {
  /** Drives rate-limit windows, token expiry, snowflakes and heartbeat checks. Default: real time. */
  clock?: TimerClock;
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  rateLimits?: RateLimitOptions;
  gateway?: GatewayOptions;
}

/** An application whose bot user and token are known to exist. */
export type EmulatedBot = EmulatedApplication & { token: string; user: EmulatedUser };

/** A running Discord emulator. */
export interface DiscordEmulator {
  /** `http://127.0.0.1:PORT`: the OAuth2 site (`/oauth2/authorize`). */
  readonly url: string;
  /** `url + '/api'`: pass as discord.js `rest: { api }` and use for OAuth2 token calls. */
  readonly apiUrl: string;
  /** `ws://127.0.0.1:PORT`, returned by `GET /gateway/bot`. */
  readonly gatewayUrl: string;
  readonly clock: TimerClock;
  createUser(input: UserInput): EmulatedUser;
  /** Registers an application (with a bot unless `withBot: false`). */
  createApplication(input?: ApplicationInput): EmulatedApplication;
  /** Registers an application with a bot; `token` is what `client.login()` takes. */
  createBot(input?: Omit<ApplicationInput, 'withBot'>): EmulatedBot;
  /** Creates a guild; the owner is a member and @everyone is created. */
  createGuild(input: GuildInput): EmulatedGuild;
  addRole(guildId: string, input: RoleInput): EmulatedRole;
  addChannel(guildId: string, input: ChannelInput): EmulatedChannel;
  addMember(guildId: string, input: MemberInput): EmulatedMember;
  setOverwrite(channelId: string, input: OverwriteInput): void;
  /** Turns a user's DMs off (messages to them answer 50007) or back on. */
  setAcceptsDms(userId: string, accepts: boolean): void;
  /** Permissions of `userId` in a guild channel, as Discord computes them. */
  permissionsIn(channelId: string, userId: string): bigint;
  /** Messages stored in a channel, oldest first (embeds as sent, with `type: 'rich'`). */
  messages(channelId: string): EmulatedMessage[];
  /** Messages sent to a user in DMs (by any bot), oldest first. */
  dms(userId: string): EmulatedMessage[];
  scheduledEvents(guildId: string): EmulatedScheduledEvent[];
  readonly store: DiscordStore;
  readonly oauth: OAuthControls;
  readonly gateway: GatewayControls;
  readonly faults: DiscordFaults;
  /** Every request and gateway frame received and every message created, with waiters. */
  readonly log: RequestLog;
  /** Forgets every rate-limit window. */
  resetRateLimits(): void;
  /** Stops the server, drops sockets, releases hung requests and clears timers. */
  close(): Promise<void>;
}

/** Starts a Discord emulator on a local port. */
export async function startDiscordEmulator(options: DiscordEmulatorOptions = {}): Promise<DiscordEmulator> {
  const clock = options.clock ?? realTimerClock;
  const store = new DiscordStore(clock);
  const state: DiscordState = {
    clock,
    store,
    tokens: new OAuthTokens(clock),
    limits: new RateLimiter(clock, options.rateLimits),
    faults: new DiscordFaults(),
    log: new RequestLog(),
    consent: { userId: null, approve: true, guildId: null },
    gatewayUrl: '',
    dispatch: (event, data, guildId) => gateway.dispatch(event, data, guildId),
  };
  const gateway = new Gateway(state, options.gateway);
  const server = await startServer(state, gateway, options.port ?? 0);
  const url = `http://127.0.0.1:${server.port}`;
  state.gatewayUrl = `ws://127.0.0.1:${server.port}`;
  return {
    url,
    apiUrl: `${url}/api`,
    gatewayUrl: state.gatewayUrl,
    clock,
    createUser: (input) => store.createUser(input),
    createApplication: (input) => store.createApplication(input),
    createBot: (input) => {
      const app = store.createApplication({ ...input, withBot: true });
      if (!app.bot) throw new Error('unreachable: bot requested');
      return Object.assign(app, { token: app.bot.token, user: app.bot.user });
    },
    createGuild: (input) => store.createGuild(input),
    addRole: (guildId, input) => store.addRole(guildId, input),
    addChannel: (guildId, input) => store.addChannel(guildId, input),
    addMember: (guildId, input) => store.addMember(guildId, input),
    setOverwrite: (channelId, input) => store.setOverwrite(channelId, input),
    setAcceptsDms: (userId, accepts) => {
      store.user(userId).acceptsDms = accepts;
    },
    permissionsIn: (channelId, userId) => store.channelPermissions(channelId, userId),
    messages: (channelId) => [...(store.messages.get(channelId) ?? [])],
    dms: (userId) =>
      [...store.channels.values()]
        .filter((c) => c.type === 1 && c.recipientIds[0] === userId)
        .flatMap((c) => store.messages.get(c.id) ?? [])
        .filter((m) => m.authorId !== userId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
    scheduledEvents: (guildId) => [...store.guildEvents(guildId).values()],
    store,
    oauth: createOAuthControls(state),
    gateway: createGatewayControls(state, gateway),
    faults: state.faults,
    log: state.log,
    resetRateLimits: () => state.limits.reset(),
    close: () => server.close(),
  };
}
