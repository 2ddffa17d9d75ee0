import type { FaultKind } from './faults.js';
import { matchesRequest, type RequestMatcher } from './request-matcher.js';

/** One request the emulator received. */
export interface SgRequestRecord {
  method: string;
  /** Path as sent, trailing slash included. */
  path: string;
  /** Decoded query parameters (last value wins, like PHP). */
  query: Record<string, string>;
  /** The emulator clock's time when the request arrived. */
  at: Date;
  /** The fault applied to it, if any. */
  fault?: FaultKind;
  /** HTTP status sent; absent while the response is delayed or hanging. */
  status?: number;
}

/** Every request the emulator received, so tests and benchmarks can count calls. */
export class RequestLog {
  private readonly records: SgRequestRecord[] = [];
  private readonly urls: URL[] = [];
  private waiters: { matcher?: RequestMatcher; count: number; resolve: () => void }[] = [];

  /** All requests so far, oldest first. */
  get entries(): readonly SgRequestRecord[] {
    return this.records;
  }

  /** Number of requests matching `matcher` (all requests without one). */
  count(matcher?: RequestMatcher): number {
    return this.urls.filter((url) => matchesRequest(matcher, url)).length;
  }

  /** Requests matching `matcher`, oldest first. */
  filter(matcher?: RequestMatcher): SgRequestRecord[] {
    return this.records.filter((_, i) => matchesRequest(matcher, this.urls[i]!));
  }

  /** Resolves once `count` matching requests have arrived (for hung/delayed requests; never sleeps). */
  waitFor(count: number, matcher?: RequestMatcher): Promise<void> {
    if (this.count(matcher) >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ matcher, count, resolve }));
  }

  /** Forgets recorded requests (pending waiters keep waiting). */
  clear(): void {
    this.records.length = 0;
    this.urls.length = 0;
  }

  /** Records an arriving request; the server fills in `status` and `fault` later. */
  record(method: string, url: URL, at: Date): SgRequestRecord {
    const entry: SgRequestRecord = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      at,
    };
    this.records.push(entry);
    this.urls.push(url);
    this.waiters = this.waiters.filter((w) => {
      if (this.count(w.matcher) < w.count) return true;
      w.resolve();
      return false;
    });
    return entry;
  }
}
