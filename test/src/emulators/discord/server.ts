import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { faultReply, handleApi } from './api-router.js';
import type { DiscordState } from './emulator-state.js';
import type { Gateway } from './gateway.js';
import { json, type Reply } from './http-exchange.js';
import { authorize } from './oauth-authorize.js';
import { readBody } from './request-body.js';

/** The listening HTTP + websocket server (one port). */
export interface DiscordServer {
  port: number;
  close(): Promise<void>;
}

const API_PREFIX = /^\/api(?:\/v(\d+))?(?=\/|$)/;

function siteRoute(state: DiscordState, method: string, url: URL): Reply {
  if (method === 'GET' && url.pathname === '/oauth2/authorize') return authorize(state, url);
  if (method === 'GET' && url.pathname === '/login') {
    return {
      status: 200,
      headers: { 'Content-Type': 'text/html' },
      body: '<h1>Discord login (emulated)</h1>',
    };
  }
  return json(404, { message: '404: Not Found', code: 0 });
}

async function handleRequest(state: DiscordState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const body = await readBody(req);
  const isApi = API_PREFIX.test(url.pathname);
  const route = isApi ? url.pathname.replace(API_PREFIX, '') || '/' : url.pathname;
  const record = (status: number): void =>
    state.log.recordRequest({
      method,
      path: url.pathname,
      route,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      authorization: req.headers.authorization ?? null,
      rawBody: body.raw,
      body: body.json ?? (body.raw && body.form.size ? Object.fromEntries(body.form) : undefined),
      status,
      at: state.clock.now(),
    });
  const fault = state.faults.take(method, route);
  if (fault?.kind === 'hang') {
    state.faults.hold(res);
    return record(0);
  }
  const exchange = {
    method,
    path: route,
    query: url.searchParams,
    headers: req.headers,
    rawBody: body.raw,
    json: body.json,
    form: body.form,
  };
  if (fault?.kind === 'lose-answer') {
    if (isApi) handleApi(state, exchange);
    res.socket?.destroy();
    return record(0);
  }
  const reply = fault
    ? faultReply(state, fault, route)
    : isApi
      ? handleApi(state, exchange)
      : siteRoute(state, method, url);
  res.writeHead(reply.status, reply.headers ?? {}).end(reply.body ?? '');
  record(reply.status);
}

/** Starts HTTP (REST, OAuth2) and the gateway websocket on `port` (0 = any free port) at 127.0.0.1. */
export async function startServer(
  state: DiscordState,
  gateway: Gateway,
  port: number,
): Promise<DiscordServer> {
  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      res
        .writeHead(500, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });
  server.on('upgrade', (req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => gateway.attach(ws));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      state.faults.releaseHung();
      gateway.close();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
