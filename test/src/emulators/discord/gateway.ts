import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { DiscordState } from './emulator-state.js';
import { gatewayGuildJson, userJson } from './json-shapes.js';
import type { EmulatedApplication } from './model.js';

/** Gateway options. */
export interface GatewayOptions {
  /** Sent in HELLO; default 41250 ms like Discord. */
  heartbeatIntervalMs?: number;
  /**
   * Close sessions (code 4009) that miss a heartbeat for 1.5 intervals of the emulator's clock.
   * Default false: clients heartbeat on real time, so a test clock jumping ahead would kill them.
   */
  enforceHeartbeat?: boolean;
}

interface Session {
  id: string;
  app: EmulatedApplication;
  seq: number;
  socket: WebSocket | null;
}

interface Connection {
  ws: WebSocket;
  session: Session | null;
  timer: unknown;
}

type Frame = { op: number; d?: unknown };

/** Close codes Discord documents for the gateway. */
export const CLOSE = {
  unknownOpcode: [4001, 'Unknown opcode.'],
  decodeError: [4002, 'Error while decoding payload.'],
  notAuthenticated: [4003, 'Not authenticated.'],
  authenticationFailed: [4004, 'Authentication failed.'],
  alreadyAuthenticated: [4005, 'Already authenticated.'],
  sessionTimedOut: [4009, 'Session timed out.'],
} as const;

/** The emulated gateway: HELLO, IDENTIFY → READY (+ GUILD_CREATE), heartbeats, RESUME and dispatches. */
export class Gateway {
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  readonly heartbeatIntervalMs: number;

  constructor(
    private readonly state: DiscordState,
    private readonly options: GatewayOptions = {},
  ) {
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
  }

  /** Takes over an accepted websocket and says HELLO. */
  attach(ws: WebSocket): void {
    const conn: Connection = { ws, session: null, timer: null };
    this.connections.add(conn);
    ws.on('message', (data) => this.receive(conn, String(data)));
    ws.on('close', () => {
      this.state.clock.clearTimeout(conn.timer);
      if (conn.session?.socket === ws) conn.session.socket = null;
      this.connections.delete(conn);
    });
    this.send(ws, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
    this.armHeartbeat(conn);
  }

  /** Sends a dispatch to every ready session whose bot is in `guildId` (every session when null). */
  dispatch(event: string, data: unknown, guildId: string | null): void {
    for (const session of this.sessions.values()) {
      const botId = session.app.bot?.user.id ?? '';
      if (guildId && !this.state.store.guilds.get(guildId)?.members.has(botId)) continue;
      this.dispatchTo(session, event, data);
    }
  }

  /** Drops every connection: with a close code (e.g. 4000, resumable) or abruptly when omitted. */
  drop(code?: number, reason = 'Dropped by the emulator'): void {
    for (const { ws } of this.connections) {
      if (code === undefined) ws.terminate();
      else ws.close(code, reason);
    }
  }

  /** Number of open gateway connections that have identified or resumed. */
  get readySessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket).length;
  }

  private receive(conn: Connection, text: string): void {
    let frame: Frame;
    try {
      frame = JSON.parse(text) as Frame;
      if (typeof frame.op !== 'number') throw new Error('no op');
    } catch {
      this.closeWith(conn, CLOSE.decodeError);
      return;
    }
    this.state.log.recordFrame({
      sessionId: conn.session?.id ?? null,
      op: frame.op,
      d: frame.d,
      at: this.state.clock.now(),
    });
    if (frame.op === 1) {
      this.armHeartbeat(conn);
      this.send(conn.ws, { op: 11, d: null, s: null, t: null });
      return;
    }
    if (frame.op === 2) {
      this.identify(conn, frame.d as Record<string, unknown> | undefined);
      return;
    }
    if (frame.op === 6) {
      this.resume(conn, frame.d as Record<string, unknown> | undefined);
      return;
    }
    if (!conn.session) {
      this.closeWith(conn, CLOSE.notAuthenticated);
      return;
    }
    // Presence updates, voice state updates and member requests are accepted and ignored.
    if ([3, 4, 8].includes(frame.op)) return;
    this.closeWith(conn, CLOSE.unknownOpcode);
  }

  private app(token: unknown): EmulatedApplication | undefined {
    return typeof token === 'string'
      ? this.state.store.applicationByBotToken(token.replace(/^Bot\s+/i, ''))
      : undefined;
  }

  private identify(conn: Connection, d: Record<string, unknown> | undefined): void {
    if (conn.session) {
      this.closeWith(conn, CLOSE.alreadyAuthenticated);
      return;
    }
    const app = this.app(d?.token);
    const bot = app?.bot;
    if (!app || !bot) {
      this.closeWith(conn, CLOSE.authenticationFailed);
      return;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), app, seq: 0, socket: conn.ws };
    this.sessions.set(session.id, session);
    conn.session = session;
    const guilds = [...this.state.store.guilds.values()].filter((g) => g.members.has(bot.user.id));
    this.dispatchTo(session, 'READY', {
      v: 10,
      user_settings: {},
      user: { ...userJson(bot.user, true), mfa_enabled: false },
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.state.gatewayUrl,
      shard: Array.isArray(d?.shard) ? d.shard : [0, 1],
      application: { id: app.id, flags: 0 },
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
    });
    for (const guild of guilds) {
      this.dispatchTo(session, 'GUILD_CREATE', gatewayGuildJson(this.state.store, guild, bot.user.id));
    }
  }

  private resume(conn: Connection, d: Record<string, unknown> | undefined): void {
    const session = this.sessions.get(String(d?.session_id));
    if (!session || this.app(d?.token) !== session.app) {
      this.send(conn.ws, { op: 9, d: false, s: null, t: null });
      return;
    }
    session.socket = conn.ws;
    conn.session = session;
    this.dispatchTo(session, 'RESUMED', null);
  }

  private dispatchTo(session: Session, event: string, data: unknown): void {
    if (!session.socket) return;
    session.seq++;
    this.send(session.socket, { op: 0, t: event, s: session.seq, d: data });
  }

  private armHeartbeat(conn: Connection): void {
    if (!this.options.enforceHeartbeat) return;
    this.state.clock.clearTimeout(conn.timer);
    conn.timer = this.state.clock.setTimeout(
      () => this.closeWith(conn, CLOSE.sessionTimedOut),
      this.heartbeatIntervalMs * 1.5,
    );
  }

  private closeWith(conn: Connection, [code, reason]: readonly [number, string]): void {
    conn.ws.close(code, reason);
  }

  private send(ws: WebSocket, frame: Record<string, unknown>): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  /** Closes every connection and forgets every session. */
  close(): void {
    for (const conn of this.connections) {
      this.state.clock.clearTimeout(conn.timer);
      conn.ws.terminate();
    }
    this.connections.clear();
    this.sessions.clear();
  }
}
