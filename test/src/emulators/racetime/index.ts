/**
 * A racetime.gg emulator speaking the real protocol (see the racetime protocol reference) over real
 * HTTP and websockets on one local port, with every timer on an injected clock.
 */
import { realTimerClock, type TimerClock } from '../../clock.js';
import {
  Accounts,
  type BotApp,
  type Category,
  type CategoryInput,
  type EmulatorUser,
  type UserApp,
  type UserInput,
} from './accounts.js';
import { EmulatorLog } from './emulator-log.js';
import type { EmulatorState } from './emulator-state.js';
import { createFaultControls, type FaultControls } from './fault-controls.js';
import { FaultInjector } from './faults.js';
import { createScriptedPlayers, type ScriptedPlayers } from './players.js';
import { createRaceControls, type RaceControls } from './race-controls.js';
import { startServer } from './server.js';
import { ALL_SCOPES, TokenStore } from './token-store.js';

export type { BotApp, Category, CategoryInput, EmulatorUser, UserApp, UserInput } from './accounts.js';
export type { RecordedAction, RecordedChat, RecordedRequest } from './emulator-log.js';
export { EmulatorLog } from './emulator-log.js';
export { RaceActionError } from './emulator-state.js';
export type { FaultControls } from './fault-controls.js';
export type { PathMatcher } from './faults.js';
export type * from './json-types.js';
export type { ScriptedPlayers } from './players.js';
export type { RaceControls } from './race-controls.js';
export { MODEL_DEFAULTS, type RaceSettings, type RaceStatus } from './race-model.js';

/** Options of {@link startRacetimeEmulator}. */
export interface RacetimeEmulatorOptions {
  /** Drives every emulator timer (countdowns, time limits, token expiry, delayed frames). Default: real time. */
  clock?: TimerClock;
  /** Port on 127.0.0.1; default 0 (any free port). */
  port?: number;
  /** Categories to create at start; default one `alttpr` category. */
  categories?: CategoryInput[];
}

/** OAuth controls for tests. */
export interface OAuthControls {
  /**
   * Who is logged in at `GET /o/authorize` and whether they click Allow. `null` = not logged in
   * (redirect to `/account/auth?next=...`). Default: nobody.
   */
  loginAs(userId: string | null, options?: { approve?: boolean }): void;
  /** Issues a user token directly (skipping the browser flow), as if the user had linked `clientId`. */
  issueUserToken(
    clientId: string,
    userId: string,
    scopes?: string[],
  ): { accessToken: string; refreshToken: string };
  /** Issues a client-credentials token for a bot directly. */
  issueBotToken(clientId: string): string;
}

/** A running emulator. */
export interface RacetimeEmulator {
  /** `http://127.0.0.1:PORT` — use as the racetime host for HTTP. */
  readonly url: string;
  /** `ws://127.0.0.1:PORT` — prefix for `websocket_bot_url` etc. */
  readonly wsUrl: string;
  readonly clock: TimerClock;
  addCategory(input: CategoryInput): Category;
  /** Registers a user who can be linked, invited and scripted. */
  registerUser(input: UserInput): EmulatorUser;
  /** Registers a category bot application (client credentials); ids/secrets generated when omitted. */
  registerBot(input: { category: string; name: string; clientId?: string; clientSecret?: string }): BotApp;
  /** Registers a user-login application (authorization code) with its exact redirect URIs. */
  registerUserApp(input: {
    redirectUris: string[];
    name?: string;
    clientId?: string;
    clientSecret?: string;
  }): UserApp;
  /** Deactivates a bot: its tokens stop working (HTTP 403, socket permission errors). */
  deactivateBot(clientId: string): void;
  readonly oauth: OAuthControls;
  readonly races: RaceControls;
  readonly players: ScriptedPlayers;
  readonly faults: FaultControls;
  /** Everything received (HTTP requests, websocket actions) and posted (chat), with waiters. */
  readonly log: EmulatorLog;
  /** Stops the server, drops sockets and clears every timer. */
  close(): Promise<void>;
}

/** Starts a racetime.gg emulator on a local port. */
export async function startRacetimeEmulator(
  options: RacetimeEmulatorOptions = {},
): Promise<RacetimeEmulator> {
  const clock = options.clock ?? realTimerClock;
  const accounts = new Accounts();
  const faults = new FaultInjector();
  const state: EmulatorState = {
    clock,
    accounts,
    tokens: new TokenStore(clock),
    rooms: new Map(),
    log: new EmulatorLog(),
    faults,
    consent: { userId: null, approve: true },
  };
  for (const category of options.categories ?? [
    { slug: 'alttpr', name: 'The Legend of Zelda: A Link to the Past Randomizer', shortName: 'ALTTPR' },
  ]) {
    accounts.addCategory(category);
  }
  const server = await startServer(state, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    clock,
    addCategory: (input) => accounts.addCategory(input),
    registerUser: (input) => accounts.registerUser(input),
    registerBot: (input) => accounts.registerBot(input),
    registerUserApp: (input) => accounts.registerUserApp(input),
    deactivateBot: (clientId) => {
      const app = accounts.apps.get(clientId);
      if (app?.kind === 'bot') app.active = false;
    },
    oauth: {
      loginAs: (userId, login = {}) => {
        state.consent = { userId, approve: login.approve ?? true };
      },
      issueUserToken: (clientId, userId, scopes = [...ALL_SCOPES]) => {
        const token = state.tokens.issue(clientId, accounts.user(userId).id, scopes);
        return { accessToken: token.token, refreshToken: token.refreshToken ?? '' };
      },
      issueBotToken: (clientId) => state.tokens.issue(clientId, null, [...ALL_SCOPES]).token,
    },
    races: createRaceControls(state),
    players: createScriptedPlayers(state),
    faults: createFaultControls(state, faults),
    log: state.log,
    close: async () => {
      faults.clear();
      for (const room of state.rooms.values()) room.close();
      await server.close();
    },
  };
}
