import type { WebSocket } from 'ws';
import type { TimerClock } from '../../clock.js';
import type { Accounts } from './accounts.js';
import type { EmulatorLog } from './emulator-log.js';
import type { FaultInjector } from './faults.js';
import { messageJson, raceJson } from './race-json.js';
import type { ChatMessage, Race } from './race-model.js';
import { hashid } from './random-ids.js';
import { pythonIsoDate } from './value-formats.js';

/** Which websocket endpoint a socket came in on (reference §5.1). */
export type SocketKind = 'bot' | 'oauth' | 'race';

export interface RoomSocket {
  ws: WebSocket;
  kind: SocketKind;
  /** Bearer token from the upgrade request (checked on every action, never at connect). */
  token: string | null;
  /** Set on `/ws/o/race/` sockets after `authenticate`. */
  userId: string | null;
}

/** What every room needs from the emulator. */
export interface RoomServices {
  clock: TimerClock;
  accounts: Accounts;
  log: EmulatorLog;
  faults: FaultInjector;
}

/** One race plus its sockets and timers: broadcasts frames and posts chat in the reference's order. */
export class RaceRoom {
  readonly sockets = new Set<RoomSocket>();
  private readonly timers = new Set<unknown>();

  constructor(
    readonly race: Race,
    readonly services: RoomServices,
  ) {}

  get name(): string {
    return `${this.race.category.slug}/${this.race.slug}`;
  }

  now(): Date {
    return this.services.clock.now();
  }

  /** Sends one frame `{type, date, ...payload}`, late if a frame delay is injected. */
  send(socket: RoomSocket, type: string, payload: Record<string, unknown> = {}): void {
    const frame = JSON.stringify({ type, date: pythonIsoDate(this.now()), ...payload });
    const delay = this.services.faults.frameDelay(this.race.slug);
    const deliver = (): void => {
      if (socket.ws.readyState === socket.ws.OPEN) socket.ws.send(frame);
    };
    if (delay > 0) this.schedule(delay, deliver);
    else deliver();
  }

  broadcast(type: string, payload: Record<string, unknown> = {}): void {
    for (const socket of this.sockets) this.send(socket, type, payload);
  }

  /** `race.data` then `race.renders` to one socket (on connect and `getrace`). */
  sendRace(socket: RoomSocket): void {
    this.send(socket, 'race.data', {
      race: raceJson(this.services.accounts, this.race),
      version: this.race.version,
    });
    this.send(socket, 'race.renders', { renders: this.renders(), version: this.race.version });
  }

  /** Bumps the version and pushes `race.data` then `race.renders` to every socket. */
  changed(): void {
    this.race.version++;
    for (const socket of this.sockets) this.sendRace(socket);
  }

  /** Records a chat message and broadcasts it (`chat.dm` with the id only for DMs). */
  post(fields: Partial<ChatMessage> & { message: string }): ChatMessage {
    const message: ChatMessage = {
      id: hashid(),
      userId: null,
      bot: null,
      directTo: null,
      postedAt: this.now(),
      highlight: false,
      isSystem: false,
      isPinned: false,
      delay: 0,
      actions: null,
      ...fields,
    };
    this.race.chat.push(message);
    this.services.log.recordChat(this.race.slug, messageJson(this.services.accounts, this.race, message));
    if (message.directTo) {
      const accounts = this.services.accounts;
      const to = accounts.users.get(message.directTo);
      this.broadcast('chat.dm', {
        message: message.id,
        from_user: null,
        from_bot: message.bot,
        to: to
          ? { id: to.id, full_name: accounts.fullName(to), name: to.name, discriminator: to.discriminator }
          : null,
      });
    } else {
      this.broadcast('chat.message', { message: messageJson(this.services.accounts, this.race, message) });
    }
    return message;
  }

  /** A system chat line (`is_system: true`). */
  system(text: string, highlight = false): void {
    this.post({ message: text, isSystem: true, highlight });
  }

  /** Runs `fn` after `ms` on the injected clock; cleared when the emulator closes. */
  schedule(ms: number, fn: () => void): void {
    const handle = this.services.clock.setTimeout(() => {
      this.timers.delete(handle);
      fn();
    }, ms);
    this.timers.add(handle);
  }

  /** Runs `fn` at an absolute instant (immediately if it has passed). */
  scheduleAt(at: Date, fn: () => void): void {
    this.schedule(Math.max(0, at.getTime() - this.now().getTime()), fn);
  }

  close(): void {
    for (const handle of this.timers) this.services.clock.clearTimeout(handle);
    this.timers.clear();
    for (const socket of this.sockets) socket.ws.terminate();
    this.sockets.clear();
  }

  private renders(): Record<string, string> {
    const html = (part: string) => `<div class="race-${part}" data-version="${this.race.version}"></div>`;
    return {
      entrants: html('entrants'),
      intro: html('intro'),
      status: html('status'),
      streams: html('streams'),
    };
  }
}
