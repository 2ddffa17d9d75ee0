import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TimerClock } from '../../clock.js';
import { applyBodyFault, type FaultController } from './faults.js';
import type { RequestLog, SgRequestRecord } from './request-log.js';
import { type RouteOptions, route, type SgResponse } from './routes.js';
import type { SpeedGamingStore } from './store.js';

/** What the HTTP layer needs; everything stateful is owned by the caller. */
export interface SgServerDeps {
  store: SpeedGamingStore;
  faults: FaultController;
  log: RequestLog;
  clock: TimerClock;
  options: RouteOptions;
}

/** A listening emulator server. */
export interface SgServer {
  port: number;
  close(): Promise<void>;
}

/** Starts the HTTP server on 127.0.0.1 (`port` 0 = any free port). */
export async function startSgServer(deps: SgServerDeps, port = 0): Promise<SgServer> {
  const timers = new Set<unknown>();
  const server: Server = createServer((req, res) => handle(deps, timers, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) deps.clock.clearTimeout(timer);
        timers.clear();
        // Hung requests and keep-alive sockets would otherwise keep close() waiting forever.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function handle(deps: SgServerDeps, timers: Set<unknown>, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  const record = deps.log.record(method, url, deps.clock.now());
  const fault = deps.faults.take(url);
  if (fault) record.fault = fault.kind;
  const answer = () => {
    const response = route(deps.store, method, url, deps.clock.now(), deps.options);
    send(res, record, method, fault ? applyBodyFault(fault, response) : response);
  };
  if (fault?.kind === 'hang') return;
  if (fault?.kind === 'delay') {
    const timer = deps.clock.setTimeout(() => {
      timers.delete(timer);
      answer();
    }, fault.ms);
    timers.add(timer);
    return;
  }
  answer();
}

function send(res: ServerResponse, record: SgRequestRecord, method: string, response: SgResponse): void {
  if (res.destroyed) return;
  record.status = response.status;
  const body = Buffer.from(response.body, 'utf8');
  // The live API labels its JSON as HTML (reference §2); clients must parse the text themselves.
  res.writeHead(response.status, {
    'content-type': 'text/html',
    'content-length': body.length,
    ...(response.location ? { location: response.location } : {}),
  });
  res.end(method === 'HEAD' ? undefined : body);
}
