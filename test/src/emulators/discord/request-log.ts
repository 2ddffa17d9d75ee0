import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatedMessage } from './model.js';

/** An HTTP request the emulator received, with the status it answered. */
export interface RecordedRequest {
  method: string;
  /** The full path, e.g. `/api/v10/channels/123/messages`. */
  path: string;
  /** The path relative to the API root (`/channels/123/messages`), or the full path outside it. */
  route: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** The `Authorization` header as sent (`Bot ...`, `Bearer ...`, `Basic ...`), if any. */
  authorization: string | null;
  rawBody: string;
  /** Parsed JSON body, or the form fields as an object, or undefined. */
  body: unknown;
  /** Status sent; 0 when left hanging by a fault. */
  status: number;
  at: Date;
}

/** A gateway frame received from a client (IDENTIFY, HEARTBEAT, RESUME...). */
export interface RecordedFrame {
  sessionId: string | null;
  op: number;
  d: unknown;
  at: Date;
}

/** Everything the emulator received, in order, with waiters so tests never sleep. */
export class RequestLog {
  readonly requests: RecordedRequest[] = [];
  readonly frames: RecordedFrame[] = [];
  readonly messages: EmulatedMessage[] = [];
  private readonly events = new EventEmitter();

  recordRequest(request: RecordedRequest): void {
    this.requests.push(request);
    this.events.emit('request', request);
  }

  recordFrame(frame: RecordedFrame): void {
    this.frames.push(frame);
    this.events.emit('frame', frame);
  }

  recordMessage(message: EmulatedMessage): void {
    this.messages.push(message);
    this.events.emit('message', message);
  }

  /** Resolves with the first request (past or future) matching `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
    return this.waitFor('request', this.requests, predicate);
  }

  /** Resolves with the first gateway frame (past or future) matching `predicate`. */
  waitForFrame(predicate: (f: RecordedFrame) => boolean): Promise<RecordedFrame> {
    return this.waitFor('frame', this.frames, predicate);
  }

  /** Resolves with the first message created (past or future) matching `predicate`. */
  waitForMessage(predicate: (m: EmulatedMessage) => boolean = () => true): Promise<EmulatedMessage> {
    return this.waitFor('message', this.messages, predicate);
  }

  clear(): void {
    this.requests.length = 0;
    this.frames.length = 0;
    this.messages.length = 0;
  }

  private waitFor<T>(event: string, past: T[], predicate: (item: T) => boolean): Promise<T> {
    const found = past.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const listener = (item: T): void => {
        if (!predicate(item)) return;
        this.events.off(event, listener);
        resolve(item);
      };
      this.events.on(event, listener);
    });
  }
}
