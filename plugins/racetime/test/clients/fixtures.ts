import { type BotApp, type RacetimeEmulator, startRacetimeEmulator, TestClock } from '@racedesk/testkit';
import type { Test } from 'tap';
import { BotTokenManager } from '../../src/clients/bot-token-manager.js';
import type { RaceSettings } from '../../src/clients/race-form.js';
import { RaceSocket, type RaceSocketEvents, type RaceSocketOptions } from '../../src/clients/race-socket.js';
import { RacetimeHttpClient } from '../../src/clients/racetime-http-client.js';

/** A fresh emulator on a test clock, one `alttpr` bot, and the clients under test; closed after the test. */
export interface Fixture {
  clock: TestClock;
  emu: RacetimeEmulator;
  bot: BotApp;
  http: RacetimeHttpClient;
  tokens: BotTokenManager;
}

export const TIMEOUT_MS = 10_000;

export async function setup(t: Test): Promise<Fixture> {
  const clock = new TestClock();
  const emu = await startRacetimeEmulator({ clock });
  const bot = emu.registerBot({ category: 'alttpr', name: 'RacedeskBot' });
  const http = new RacetimeHttpClient({ baseUrl: emu.url, clock, timeoutMs: TIMEOUT_MS });
  const tokens = new BotTokenManager({ endpoint: http, credentials: bot, clock });
  t.teardown(async () => {
    tokens.close();
    await emu.close();
    clock.uninstall();
  });
  return { clock, emu, bot, http, tokens };
}

/** SahasrahBot's tournament room settings (reference §9.1), streaming off so unlinked test users can ready. */
export const tournamentRoom = (overrides: Partial<RaceSettings> = {}): RaceSettings => ({
  goal: { name: 'Beat the game' },
  invitational: true,
  unlisted: false,
  ranked: true,
  infoUser: 'Racedesk League - Mario vs. Luigi - Round 1',
  infoBot: null,
  teamRace: false,
  requireEvenTeams: false,
  startDelaySeconds: 15,
  timeLimitHours: 24,
  timeLimitAutoComplete: false,
  streamingRequired: false,
  autoStart: true,
  allowComments: true,
  hideComments: true,
  allowPreraceChat: true,
  allowMidraceChat: true,
  allowNonEntrantChat: false,
  chatMessageDelaySeconds: 0,
  ...overrides,
});

/** Opens a room through the client and follows it with a socket; the socket closes after the test. */
export async function openFollowedRoom(
  t: Test,
  fx: Fixture,
  settings: Partial<RaceSettings> = {},
  socketOptions: Partial<RaceSocketOptions> = {},
): Promise<{ slug: string; socket: RaceSocket }> {
  const room = await fx.tokens.withToken((token) =>
    fx.http.startRace('alttpr', token, tournamentRoom(settings)),
  );
  const socket = new RaceSocket({
    url: fx.http.websocketUrl(`/ws/o/bot/${room.slug}`),
    tokens: fx.tokens,
    clock: fx.clock,
    backoff: { random: () => 1 },
    ...socketOptions,
  });
  t.teardown(() => socket.close());
  const first = waitFor(socket, 'race');
  socket.start();
  await first;
  return { slug: room.slug, socket };
}

/** Resolves with the next `event` of `socket` whose arguments satisfy `predicate`. */
export function waitFor<K extends keyof RaceSocketEvents>(
  socket: RaceSocket,
  event: K,
  predicate: (...args: RaceSocketEvents[K]) => boolean = () => true,
): Promise<RaceSocketEvents[K][0]> {
  return new Promise((resolve) => {
    const listener = (...args: RaceSocketEvents[K]): void => {
      if (!predicate(...args)) return;
      socket.off(event, listener as never);
      resolve(args[0]);
    };
    socket.on(event, listener as never);
  });
}

/** Waits (event-loop turns, never timers) until `condition` holds, e.g. for a close to reach the emulator. */
export async function eventually(condition: () => boolean, what: string): Promise<void> {
  for (let turn = 0; turn < 10_000; turn++) {
    if (condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`Still not true: ${what}`);
}
