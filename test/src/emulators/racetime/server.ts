import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { EmulatorState } from './emulator-state.js';
import type { HttpExchange, HttpReply, Route } from './http-exchange.js';
import { OAUTH_ROUTES } from './oauth.js';
import type { SocketKind } from './race-room.js';
import { attachRaceSocket } from './race-socket.js';
import { RACE_ROUTES } from './races-http.js';

const ROUTES: Route[] = [...OAUTH_ROUTES, ...RACE_ROUTES];
const SOCKET_PATH = /^\/ws\/(o\/bot|o\/race|race)\/([\w-]+)$/;
const SOCKET_KINDS: Record<string, SocketKind> = { 'o/bot': 'bot', 'o/race': 'oauth', race: 'race' };

/** The listening HTTP + websocket server (one port). */
export interface EmulatorServer {
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString()));
    req.on('error', reject);
  });
}

function route(state: EmulatorState, exchange: HttpExchange): HttpReply {
  const matching = ROUTES.filter((r) => r.pattern.test(exchange.path));
  const found = matching.find((r) => r.method === exchange.method);
  if (!found) return { status: matching.length > 0 ? 405 : 404, body: '' };
  exchange.params = (found.pattern.exec(exchange.path) ?? []).slice(1);
  return found.handle(state, exchange);
}

async function handleRequest(state: EmulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
  const record = (status: number) =>
    state.log.recordRequest({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      status,
      at: state.clock.now(),
    });
  const fault = state.faults.take(method, url.pathname);
  if (fault?.kind === 'hang') {
    state.faults.hold(res);
    record(0);
    return;
  }
  const reply: HttpReply =
    fault?.kind === 'status'
      ? { status: fault.status, headers: { 'Content-Type': 'text/plain' }, body: fault.body }
      : route(state, {
          req,
          method,
          path: url.pathname,
          query: url.searchParams,
          body,
          form: new URLSearchParams(isForm ? body : ''),
          params: [],
        });
  if (fault?.kind === 'hang-after') {
    state.faults.hold(res);
    record(0);
    return;
  }
  const headers: Record<string, string> = { ...reply.headers };
  const origin = req.headers.origin;
  if (origin) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Expose-Headers'] = 'X-Date-Exact';
    headers.Vary = 'Origin';
  }
  res.writeHead(reply.status, headers).end(reply.body ?? '');
  record(reply.status);
}

function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}

/** Starts the server on `port` (0 = any free port) bound to 127.0.0.1. */
export async function startServer(state: EmulatorState, port: number): Promise<EmulatorServer> {
  const wss = new WebSocketServer({ noServer: true });
  const pendingUpgrades = new Set<Duplex>();
  const server: Server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = SOCKET_PATH.exec(url.pathname);
    const record = (status: number) =>
      state.log.recordRequest({
        method: 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: '',
        status,
        at: state.clock.now(),
      });
    const fault = state.faults.take('GET', url.pathname);
    if (fault?.kind === 'hang' || fault?.kind === 'hang-after') {
      pendingUpgrades.add(socket);
      return record(0);
    }
    if (fault) {
      record(fault.status);
      return rejectUpgrade(socket, fault.status, 'Server Error');
    }
    const room = match ? state.rooms.get(match[2] ?? '') : undefined;
    // Unknown slugs are never accepted by the real consumer; emulated as a rejected handshake.
    if (!match || !room) {
      record(403);
      return rejectUpgrade(socket, 403, 'Forbidden');
    }
    const header = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = header ?? url.searchParams.get('token');
    wss.handleUpgrade(req, socket, head, (ws) => {
      record(101);
      attachRaceSocket(state, room, {
        ws,
        kind: SOCKET_KINDS[match[1] ?? 'race'] ?? 'race',
        token,
        userId: null,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const socket of pendingUpgrades) socket.destroy();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
