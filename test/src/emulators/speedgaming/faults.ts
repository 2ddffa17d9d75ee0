import { matchesRequest, type RequestMatcher } from './request-matcher.js';
import type { SgResponse } from './routes.js';

/** What can go wrong with a request. */
export type FaultKind = 'status' | 'hang' | 'delay' | 'malformed' | 'error';

/** Which requests a fault hits: the next `times` (default 1) matching `path`. */
export interface FaultTarget {
  /** Path (`/api/schedule`, slash or not) or RegExp over path + query; omitted = any request. */
  path?: RequestMatcher;
  times?: number;
}

/** A fault and its parameters. */
export type FaultSpec =
  /** Answer with this status (5xx, 404, 429...) and an HTML body, like a proxy error page. */
  | { kind: 'status'; status: number; body?: string }
  /** Never answer; the client must time out. Released when the emulator closes. */
  | { kind: 'hang' }
  /** Answer normally after `ms` on the emulator clock (advance a TestClock to release it). */
  | { kind: 'delay'; ms: number }
  /** Answer 200 with a body that is not JSON: the real answer cut in half, or `body`. */
  | { kind: 'malformed'; body?: string }
  /** Answer 200 `{"error": message}`, the live API's way of failing. */
  | { kind: 'error'; message: string };

interface ArmedFault {
  spec: FaultSpec;
  path?: RequestMatcher;
  remaining: number;
}

/** Arms faults for upcoming requests; each request consumes the first armed fault that matches it. */
export class FaultController {
  private armed: ArmedFault[] = [];

  /** Arms any fault. */
  inject(spec: FaultSpec, target: FaultTarget = {}): void {
    const remaining = target.times ?? 1;
    if (remaining > 0) this.armed.push({ spec, path: target.path, remaining });
  }

  /** Next matching requests answer `status` (default 503) with an HTML error page. */
  serverError(target: FaultTarget & { status?: number; body?: string } = {}): void {
    this.inject({ kind: 'status', status: target.status ?? 503, body: target.body }, target);
  }

  /** Next matching requests never get an answer (a timeout for the client). */
  hang(target: FaultTarget = {}): void {
    this.inject({ kind: 'hang' }, target);
  }

  /** Next matching requests are answered `ms` later on the emulator clock. */
  delay(target: FaultTarget & { ms: number }): void {
    this.inject({ kind: 'delay', ms: target.ms }, target);
  }

  /** Next matching requests get 200 with a body that does not parse as JSON. */
  malformedJson(target: FaultTarget & { body?: string } = {}): void {
    this.inject({ kind: 'malformed', body: target.body }, target);
  }

  /** Next matching requests get 200 `{"error": message}`. */
  errorBody(target: FaultTarget & { message?: string } = {}): void {
    this.inject({ kind: 'error', message: target.message ?? 'Internal error.' }, target);
  }

  /** Disarms every fault. */
  clear(): void {
    this.armed = [];
  }

  /** How many faulty answers are still armed. */
  get pending(): number {
    return this.armed.reduce((sum, f) => sum + f.remaining, 0);
  }

  /** Consumes and returns the fault for this request, if one is armed (server use). */
  take(url: URL): FaultSpec | undefined {
    const fault = this.armed.find((f) => matchesRequest(f.path, url));
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.armed = this.armed.filter((f) => f !== fault);
    return fault.spec;
  }
}

/** Turns a normal answer into the faulty one for the `status`, `malformed` and `error` kinds. */
export function applyBodyFault(spec: FaultSpec, response: SgResponse): SgResponse {
  switch (spec.kind) {
    case 'status':
      return {
        status: spec.status,
        body: spec.body ?? `<html><body><h1>${spec.status} Server Error</h1></body></html>\n`,
      };
    case 'malformed':
      return { status: 200, body: spec.body ?? response.body.slice(0, Math.ceil(response.body.length / 2)) };
    case 'error':
      return { status: 200, body: JSON.stringify({ error: spec.message }) };
    default:
      return response;
  }
}
