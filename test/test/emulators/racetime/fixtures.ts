import type { Test } from 'tap';
import WebSocket from 'ws';
import { TestClock } from '../../../src/clock.js';
import {
  type BotApp,
  type RacetimeEmulator,
  startRacetimeEmulator,
} from '../../../src/emulators/racetime/index.js';

/** A server frame as parsed JSON. */
export type Frame = Record<string, unknown> & { type: string; date: string };

export interface Fixture {
  clock: TestClock;
  emu: RacetimeEmulator;
  bot: BotApp;
}

/** A fresh emulator on a test clock with one `alttpr` bot; closed when the test ends. */
export async function setup(t: Test): Promise<Fixture> {
  const clock = new TestClock();
  const emu = await startRacetimeEmulator({ clock });
  const bot = emu.registerBot({ category: 'alttpr', name: 'RacedeskBot' });
  t.teardown(async () => {
    await emu.close();
    clock.uninstall();
  });
  return { clock, emu, bot };
}

export const form = (fields: Record<string, string>): URLSearchParams => new URLSearchParams(fields);

export async function botToken(emu: RacetimeEmulator, bot: BotApp): Promise<string> {
  const res = await fetch(`${emu.url}/o/token`, {
    method: 'POST',
    body: form({
      client_id: bot.clientId,
      client_secret: bot.clientSecret,
      grant_type: 'client_credentials',
    }),
  });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

export function startrace(
  emu: RacetimeEmulator,
  token: string,
  fields: Record<string, string>,
): Promise<Response> {
  return fetch(`${emu.url}/o/alttpr/startrace`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form(fields),
  });
}

/** Opens a race through HTTP as the bot and returns its slug. */
export async function openRaceAsBot(
  emu: RacetimeEmulator,
  token: string,
  fields: Record<string, string> = {},
) {
  const res = await startrace(emu, token, { goal: 'Beat the game', streaming_required: 'false', ...fields });
  if (res.status !== 201) throw new Error(`startrace answered ${res.status}: ${await res.text()}`);
  return (res.headers.get('location') ?? '').split('/')[2] ?? '';
}

/** Reads server frames in order, waiting for frame events (never for time). */
export class FrameReader {
  private readonly queue: Frame[] = [];
  private waiter: (() => void) | null = null;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.queue.push(JSON.parse(raw.toString()) as Frame);
      this.waiter?.();
    });
  }

  /** The next unread frame. */
  async next(): Promise<Frame> {
    while (this.queue.length === 0) await new Promise<void>((resolve) => (this.waiter = resolve));
    return this.queue.shift()!;
  }

  /** Skips frames until one of `type` arrives and returns it. */
  async nextOf(type: string): Promise<Frame> {
    for (;;) {
      const frame = await this.next();
      if (frame.type === type) return frame;
    }
  }

  /** Frames received but not read yet. */
  get pending(): readonly Frame[] {
    return this.queue;
  }

  send(action: string, data?: unknown): void {
    this.ws.send(JSON.stringify(data === undefined ? { action } : { action, data }));
  }
}

/** Connects a bot socket and consumes the initial `race.data` + `race.renders`. */
export async function connectBot(emu: RacetimeEmulator, slug: string, token: string): Promise<FrameReader> {
  const ws = new WebSocket(`${emu.wsUrl}/ws/o/bot/${slug}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  const reader = new FrameReader(ws);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  await reader.nextOf('race.renders');
  return reader;
}

/** Registers two streaming users ready to race. */
export function twoPlayers(emu: RacetimeEmulator) {
  return [
    emu.registerUser({ name: 'Mario', discriminator: '5527', twitchName: 'itsamemario' }),
    emu.registerUser({ name: 'Luigi', discriminator: '0340', twitchName: 'luigi' }),
  ] as const;
}

export const raceOf = (frame: Frame) => frame.race as Record<string, unknown> & { status: { value: string } };
