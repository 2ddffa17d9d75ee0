import { EventEmitter } from 'node:events';
import type { ChatMessageJson } from './json-types.js';
import type { SocketKind } from './race-room.js';

/** An HTTP request the emulator received, with the status it answered. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Status sent; 0 when the request was left hanging by a fault. */
  status: number;
  at: Date;
}

/** A websocket action the emulator received, with the errors it answered (if any). */
export interface RecordedAction {
  slug: string;
  endpoint: SocketKind;
  action: string;
  data: unknown;
  token: string | null;
  errors: string[] | null;
  at: Date;
}

/** A chat message as posted in a room (bot, user or system), DMs included with their text. */
export interface RecordedChat {
  slug: string;
  message: ChatMessageJson;
}

/** Everything the emulator received or posted, in order, so tests can assert on it. */
export class EmulatorLog {
  readonly requests: RecordedRequest[] = [];
  readonly actions: RecordedAction[] = [];
  readonly chat: RecordedChat[] = [];
  private readonly events = new EventEmitter();

  recordRequest(request: RecordedRequest): void {
    this.requests.push(request);
    this.events.emit('request', request);
  }

  recordAction(action: RecordedAction): void {
    this.actions.push(action);
    this.events.emit('action', action);
  }

  recordChat(slug: string, message: ChatMessageJson): void {
    const entry = { slug, message };
    this.chat.push(entry);
    this.events.emit('chat', entry);
  }

  /** Messages posted by bots (optionally in one race), DMs included. */
  botMessages(slug?: string): ChatMessageJson[] {
    return this.chat.filter((c) => c.message.is_bot && (!slug || c.slug === slug)).map((c) => c.message);
  }

  /** Resolves with the first recorded request (past or future) matching `predicate`. */
  waitForRequest(predicate: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
    return this.waitFor('request', this.requests, predicate);
  }

  /** Resolves with the first recorded websocket action (past or future) matching `predicate`. */
  waitForAction(predicate: (a: RecordedAction) => boolean): Promise<RecordedAction> {
    return this.waitFor('action', this.actions, predicate);
  }

  /** Resolves with the first chat message (past or future) matching `predicate`. */
  waitForChat(predicate: (c: RecordedChat) => boolean): Promise<RecordedChat> {
    return this.waitFor('chat', this.chat, predicate);
  }

  clear(): void {
    this.requests.length = 0;
    this.actions.length = 0;
    this.chat.length = 0;
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
