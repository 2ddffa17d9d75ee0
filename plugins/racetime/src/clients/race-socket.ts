import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { type BotActionFrame, botActions } from './bot-actions.js';
import type { BotTokenSource } from './bot-token-manager.js';
import { parseChatMessage, type RacetimeChatMessage } from './chat-message.js';
import { isIgnoredFrame } from './ignored-frames.js';
import { parseJson } from './json-reader.js';
import { parseRace, type RacetimeRace } from './race-data.js';
import { isRacetimeError } from './racetime-errors.js';
import { ReconnectBackoff, type ReconnectBackoffOptions } from './reconnect-backoff.js';
import { SeenIds } from './seen-ids.js';
import { SocketLiveness } from './socket-liveness.js';
import { systemTimerClock, type TimerClock } from './timer-clock.js';

/**
 * Where a room socket stands: `connecting` (handshake under way), `open`, `reconnecting` (waiting out
 * the backoff after a drop), `auth_failed` (racetime.gg refuses the bot's credentials; frames are still
 * read), `closed` (by `close()` or because the room does not exist).
 */
export type RaceSocketStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'auth_failed' | 'closed';

/** A `race.data` the socket accepted. */
export interface RaceUpdate {
  race: RacetimeRace;
  /** The race as last seen (before a reconnect too), or `null` for the first one. */
  previous: RacetimeRace | null;
  /** First `race.data` after (re)connecting: a snapshot, not a change someone just made. */
  baseline: boolean;
}

/** Events of a {@link RaceSocket}. */
export interface RaceSocketEvents {
  race: [RaceUpdate];
  /** Each chat message once, including ones missed while disconnected (fetched with `gethistory`). */
  chat: [RacetimeChatMessage];
  /** An `error` frame: the server refused an action (no correlation to which one, reference §5.6). */
  'action-error': [string[]];
  status: [RaceSocketStatus];
  /**
   * Every server frame as parsed JSON (DMs, pins, ...), for what the typed events skip; not `race.renders`
   * and `race.split`, which bots ignore (reference §5.3) and which are not parsed.
   */
  frame: [Record<string, unknown>];
  /** A frame that could not be understood; it was skipped. */
  'protocol-error': [Error];
}

/** Options of {@link RaceSocket}. */
export interface RaceSocketOptions {
  /** Full URL of the bot endpoint, `wss://racetime.gg/ws/o/bot/{slug}` (`RacetimeHttpClient.websocketUrl`). */
  url: string;
  tokens: BotTokenSource;
  clock?: TimerClock;
  backoff?: ReconnectBackoffOptions;
  /** Silence after which a `ping` is sent. Default 30 s. */
  pingAfterMs?: number;
  /** Silence after the ping after which the connection is declared dead. Default 30 s. */
  pongTimeoutMs?: number;
  /** Give up on a handshake after this long. Default 30 s. */
  connectTimeoutMs?: number;
}

const PERMISSION_DENIED = 'Permission denied. Check your authorization token.';

/**
 * One bot connection to one race room (`/ws/o/bot/{slug}`, reference §5): reconnects with backoff,
 * follows token renewals, resends queued actions after reconnecting, fills chat gaps with
 * `gethistory`, and drops stale or duplicate frames by race version and message id.
 */
export class RaceSocket extends EventEmitter<RaceSocketEvents> {
  private ws: WebSocket | null = null;
  /** Bumped per connection attempt: frames and closes of older connections are ignored. */
  private generation = 0;
  private state: RaceSocketStatus = 'idle';
  private usedToken: string | null = null;
  private rejectedStatus = 0;
  private awaitingBaseline = true;
  private lastChatId: string | null = null;
  private reconnectTimer: unknown = null;
  private readonly queue: BotActionFrame[] = [];
  // `chat.history` brings at most the last 100 messages (only newer ones once we have seen one, §5.4)
  // plus the pinned ones, which are remembered apart: a room's memory stays small.
  private readonly seenChat = new SeenIds(250);
  private readonly seenPinned = new Set<string>();
  private readonly backoff: ReconnectBackoff;
  private readonly liveness: SocketLiveness;
  private readonly clock: TimerClock;
  private readonly unsubscribe: () => void;
  /** The latest race state received, or `null` before the first `race.data`. */
  race: RacetimeRace | null = null;
  /** Why the socket last dropped or failed; cleared when a connection delivers `race.data`. */
  lastError: Error | null = null;

  constructor(private readonly options: RaceSocketOptions) {
    super();
    this.clock = options.clock ?? systemTimerClock;
    this.backoff = new ReconnectBackoff(options.backoff);
    this.liveness = new SocketLiveness(this.clock, {
      pingAfterMs: options.pingAfterMs ?? 30_000,
      pongTimeoutMs: options.pongTimeoutMs ?? 30_000,
      ping: () => this.ws?.send(JSON.stringify(botActions.ping())),
      dead: () => this.drop(new Error('No frame from racetime.gg after a ping: connection presumed dead')),
    });
    this.unsubscribe = options.tokens.onRenewed((token) => this.moveTo(token));
  }

  get status(): RaceSocketStatus {
    return this.state;
  }

  /** Opens the connection (once). */
  start(): void {
    if (this.state === 'idle') void this.connect();
  }

  /** Sends an action now if connected, otherwise as soon as the next connection opens. */
  send(frame: BotActionFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN && this.state !== 'connecting') this.transmit(frame);
    else this.queue.push(frame);
  }

  /** Closes for good: no reconnect, timers stopped, token renewals ignored. */
  close(): void {
    if (this.state === 'closed') return;
    this.generation++;
    this.clock.clearTimeout(this.reconnectTimer);
    this.liveness.stop();
    this.unsubscribe();
    this.ws?.close(1000, 'closing');
    this.ws = null;
    this.setStatus('closed');
  }

  private async connect(): Promise<void> {
    const generation = ++this.generation;
    this.setStatus('connecting');
    let token: string;
    try {
      token = await this.options.tokens.token();
    } catch (error) {
      if (generation !== this.generation) return;
      if (!this.failAuth(error)) this.scheduleReconnect(asError(error));
      return;
    }
    if (generation !== this.generation) return;
    this.usedToken = token;
    this.rejectedStatus = 0;
    this.awaitingBaseline = true;
    const ws = new WebSocket(this.options.url, { headers: { Authorization: `Bearer ${token}` } });
    this.ws = ws;
    const handshake = this.clock.setTimeout(() => {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    }, this.options.connectTimeoutMs ?? 30_000);
    const current = () => generation === this.generation;
    ws.on('unexpected-response', (_req, res) => {
      this.rejectedStatus = res.statusCode ?? 0;
      ws.terminate();
    });
    ws.on('open', () => {
      this.clock.clearTimeout(handshake);
      if (current()) this.opened();
    });
    // A Buffer: the socket keeps ws's default binaryType ('nodebuffer').
    ws.on('message', (raw) => {
      if (current()) this.receive(raw as Buffer);
    });
    ws.on('error', (error) => {
      if (current()) this.lastError = error;
    });
    ws.on('close', (code, reason) => {
      this.clock.clearTimeout(handshake);
      if (current()) this.closedByServer(code, reason.toString());
    });
  }

  private opened(): void {
    this.setStatus('open');
    this.liveness.heard();
    // Messages posted while we were away; duplicates are filtered by id.
    if (this.lastChatId) this.transmit(botActions.getHistory(this.lastChatId));
    for (const frame of this.queue.splice(0)) this.transmit(frame);
  }

  private closedByServer(code: number, reason: string): void {
    this.liveness.stop();
    this.ws = null;
    // The real consumer never accepts an unknown slug (§5.1): the room is gone, retrying cannot help.
    if (this.rejectedStatus === 403 || this.rejectedStatus === 404) {
      this.lastError = new Error(
        `racetime.gg refused the room socket (${this.rejectedStatus}): unknown race`,
      );
      this.close();
      return;
    }
    const why = this.rejectedStatus
      ? `handshake answered ${this.rejectedStatus}`
      : `closed (${code} ${reason})`;
    this.scheduleReconnect(this.lastError ?? new Error(`Room socket ${why}`));
  }

  private scheduleReconnect(error: Error): void {
    if (this.state === 'closed') return;
    this.lastError = error;
    this.setStatus('reconnecting');
    this.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.clock.setTimeout(() => void this.connect(), this.backoff.next());
  }

  /** Drops the current connection (it is presumed dead) and reconnects with backoff. */
  private drop(error: Error): void {
    this.generation++;
    this.liveness.stop();
    this.ws?.terminate();
    this.ws = null;
    this.scheduleReconnect(error);
  }

  /** Reconnects at once with a renewed token (racetime.gg checks the token on each action, §5.1). */
  private moveTo(token: string): void {
    if (this.state === 'closed' || this.state === 'idle' || token === this.usedToken) return;
    this.generation++;
    this.liveness.stop();
    this.clock.clearTimeout(this.reconnectTimer);
    this.ws?.close(1000, 'token renewed');
    this.ws = null;
    void this.connect();
  }

  private receive(raw: Buffer): void {
    this.liveness.heard();
    // The room page's HTML follows every race.data: most of a room's bytes, and nothing a bot reads.
    if (isIgnoredFrame(raw)) return;
    let frame: Record<string, unknown>;
    try {
      const value = parseJson(raw.toString(), 'a socket frame');
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new Error('racetime.gg sent a socket frame that is not an object');
      frame = value as Record<string, unknown>;
      this.dispatch(frame);
    } catch (error) {
      this.emit('protocol-error', asError(error));
      return;
    }
    this.emit('frame', frame);
  }

  private dispatch(frame: Record<string, unknown>): void {
    if (frame.type === 'race.data') this.receiveRace(parseRace(frame.race, 'race.data'));
    else if (frame.type === 'chat.message')
      this.receiveChat([parseChatMessage(frame.message, 'chat.message')]);
    else if (frame.type === 'chat.history') {
      if (!Array.isArray(frame.messages)) throw new Error('racetime.gg sent chat.history without messages');
      this.receiveChat(frame.messages.map((m, i) => parseChatMessage(m, `chat.history[${i}]`)));
    } else if (frame.type === 'error')
      this.receiveErrors(Array.isArray(frame.errors) ? frame.errors.map(String) : [String(frame.errors)]);
  }

  private receiveRace(race: RacetimeRace): void {
    const previous = this.race;
    const baseline = this.awaitingBaseline;
    // Delayed or repeated frames carry an older version (§3.4): the newer state already won.
    if (previous && (baseline ? race.version < previous.version : race.version <= previous.version)) return;
    this.awaitingBaseline = false;
    this.race = race;
    this.lastError = null;
    this.backoff.reset();
    this.emit('race', { race, previous, baseline });
  }

  private receiveChat(messages: RacetimeChatMessage[]): void {
    for (const message of messages) {
      const seen = this.seenPinned.has(message.id) || !this.seenChat.add(message.id);
      if (message.isPinned) this.seenPinned.add(message.id);
      if (seen) continue;
      if (!message.isPinned || !this.lastChatId) this.lastChatId = message.id;
      this.emit('chat', message);
    }
  }

  private receiveErrors(errors: string[]): void {
    this.emit('action-error', errors);
    if (!errors.includes(PERMISSION_DENIED) || !this.usedToken) return;
    // The token expired or was revoked while connected: get another and move to it.
    const stale = this.usedToken;
    this.options.tokens.renew(stale).then(
      (token) => this.moveTo(token),
      (error: unknown) => this.failAuth(error),
    );
  }

  /** Marks the socket `auth_failed` when the credentials themselves are refused; true if so. */
  private failAuth(error: unknown): boolean {
    if (!isRacetimeError(error, 'auth_failed', 'forbidden')) return false;
    this.lastError = error;
    if (this.state !== 'closed') this.setStatus('auth_failed');
    return true;
  }

  private transmit(frame: BotActionFrame): void {
    this.ws?.send(JSON.stringify(frame));
  }

  private setStatus(status: RaceSocketStatus): void {
    if (this.state === status) return;
    this.state = status;
    this.emit('status', status);
  }
}

const asError = (error: unknown): Error => (error instanceof Error ? error : new Error(String(error)));
