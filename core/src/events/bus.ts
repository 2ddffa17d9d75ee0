import type { FastifyBaseLogger } from 'fastify';
import type { Knex } from 'knex';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { RacedeskError } from '../errors.js';
import type { Metrics } from '../http/metrics.js';
import type {
  DispatchedEvent,
  EmitMeta,
  EventDefinition,
  PayloadOf,
  StagedEvent,
  WriteStatement,
} from './define-event.js';
import { committedEvent, insertEvents, insertEventsWith, type OutboxRow } from './outbox.js';
import type { SubscriberPriority } from './priority.js';
import { type Prepare, type Prepared, startReadAheads } from './read-ahead.js';

/** A handler registered on the bus (the loader builds these from plugins' subscriber definitions). */
export interface Subscription {
  id: string;
  eventName: string;
  priority: SubscriberPriority;
  durable: boolean;
  timeoutMs: number;
  handler: (event: DispatchedEvent) => Promise<void> | void;
  /**
   * Optional: called once with the events of a committed transaction this subscriber will get, as it
   * commits, so it can read what they need in one query instead of one per event. Subscribers sharing
   * one `prepare` function get one call with all their events. Each of them waits for it before its
   * handler runs; the other subscribers do not. A failure is logged and the events are dispatched all
   * the same. A redelivery (recovery) runs the handler without it.
   */
  prepare?: Prepare;
}

const PRIORITIES: SubscriberPriority[] = ['high', 'normal', 'low'];
/** How long the emitting instance has to dispatch a durable event before the recovery sweep may. */
export const DURABLE_GRACE_MS = 30_000;

/** How the bus dispatches events of one name. */
interface Route {
  /** The subscribers, one group per priority, highest first; priorities nobody has are left out. */
  groups: Subscription[][];
  /** Ids of the durable subscribers (the outbox row owes the event to each). */
  durable: readonly string[];
  /** The read-ahead functions of its subscribers ({@link Subscription.prepare}), once each. */
  prepares: readonly Prepare[];
}

interface QueuedEmit {
  row: OutboxRow;
  resolve: (id: number) => void;
  reject: (error: unknown) => void;
}

function rootTransaction(trx: Knex.Transaction): Knex.Transaction {
  let current = trx as Knex.Transaction & { parentTransaction?: Knex.Transaction };
  while (current.parentTransaction) current = current.parentTransaction;
  return current;
}

/**
 * The event bus: typed events written to the `events` outbox in the caller's transaction,
 * dispatched to in-process subscribers after commit, isolated from each other and from the emitter.
 */
export class EventBus {
  private readonly definitions = new Map<string, EventDefinition>();
  /** Payload checks compiled on an event's first emit (events are emitted by the thousand per second). */
  private readonly validators = new WeakMap<object, Validator>();
  private readonly subscriptions = new Map<string, Subscription[]>();
  /** How events of each name are dispatched, worked out on the first one (events come by the thousand). */
  private readonly routes = new Map<string, Route>();
  private inflight = 0;
  private idleWaiters: Array<() => void> = [];
  /** Emits of a transaction waiting for their shared insert (see {@link insertInTransaction}). */
  private readonly queued = new Map<Knex.Transaction, QueuedEmit[]>();
  /** Events of each open root transaction, dispatched in emit order once it commits. */
  private readonly afterCommit = new WeakMap<Knex.Transaction, DispatchedEvent[]>();
  /** Acknowledgements waiting for their shared update, by subscriber (see {@link acknowledge}). */
  private acks = new Map<string, number[]>();
  private acking = false;

  constructor(
    private readonly db: Database,
    private readonly logger: FastifyBaseLogger,
    private readonly clock: Clock,
    private readonly metrics?: Metrics,
  ) {}

  /** Declares events; a name declared twice is a boot error. */
  declare(events: readonly EventDefinition[], owner: string): void {
    for (const event of events) {
      if (this.definitions.has(event.name)) {
        throw new RacedeskError('RD_EVENT_DUPLICATE', `Event "${event.name}" is declared twice (${owner})`);
      }
      this.definitions.set(event.name, event);
    }
  }

  /** Whether an event name is declared. */
  has(name: string): boolean {
    return this.definitions.has(name);
  }

  /** Adds a subscriber. Its event must be declared. */
  subscribe(subscription: Subscription): void {
    if (!this.definitions.has(subscription.eventName)) {
      throw new RacedeskError(
        'RD_EVENT_UNKNOWN',
        `Subscriber "${subscription.id}" listens to undeclared event "${subscription.eventName}"`,
      );
    }
    const list = this.subscriptions.get(subscription.eventName) ?? [];
    if (list.some((s) => s.id === subscription.id)) {
      throw new RacedeskError('RD_EVENT_DUPLICATE', `Subscriber "${subscription.id}" is registered twice`);
    }
    list.push(subscription);
    this.subscriptions.set(subscription.eventName, list);
    this.routes.delete(subscription.eventName);
  }

  /**
   * Records an event. Inside a transaction it is written with the change and dispatched only
   * after commit (never for a rollback); without one it is written and dispatched at once.
   */
  async emit<E extends EventDefinition>(
    event: E,
    payload: PayloadOf<E>,
    meta: EmitMeta,
    trx?: Knex.Transaction,
  ): Promise<DispatchedEvent<E>> {
    const row = this.rowOf(event, payload, meta, this.clock.now());
    const id = trx ? await this.insertInTransaction(trx, row) : (await insertEvents(this.db, [row]))[0]!;
    // Subscribers get their own copy, as stored (the emitter may go on changing its objects).
    const dispatched = committedEvent(id, row) as DispatchedEvent<E>;
    this.metrics?.eventsEmitted.inc({ event: event.name });
    if (trx) {
      this.dispatchAfterCommit(rootTransaction(trx), dispatched);
    } else {
      void this.dispatch(dispatched);
    }
    return dispatched;
  }

  /**
   * Writes a change and events about it in one statement: one round trip, atomic without a
   * transaction. `statement` is the caller's data-modifying CTEs, without the final `select`, one of
   * them named `gate` with a text column `key` (say, the rows its update wrote). Of `staged`, the
   * events whose `key` the gate returned are written to the outbox in that statement, in order, and
   * dispatched once it has committed; the others are dropped. Returns the keys the gate returned and
   * the events written.
   */
  async writeWith(
    statement: WriteStatement,
    staged: readonly StagedEvent[],
  ): Promise<{ keys: Set<string>; events: DispatchedEvent[] }> {
    const now = this.clock.now();
    const rows = staged.map(({ key, event, payload, meta }) => ({
      key,
      row: this.rowOf(event, payload, meta, now),
    }));
    const result = await insertEventsWith(this.db, statement, rows);
    const keys = new Set(result.keys);
    // Ids follow the staging order of the events written (one insert, in that order).
    const events = rows.filter((r) => keys.has(r.key)).map((r, i) => committedEvent(result.ids[i]!, r.row));
    for (const e of events) this.metrics?.eventsEmitted.inc({ event: e.name });
    if (events.length) void this.dispatchCommitted(events);
    return { keys, events };
  }

  /** Dispatches the events of a committed statement, in order (as for a committed transaction). */
  private async dispatchCommitted(events: DispatchedEvent[]): Promise<void> {
    this.inflight++;
    try {
      const prepared = startReadAheads(events, (name) => this.routeOf(name).prepares, this.logger);
      for (const next of events) await this.dispatch(next, undefined, prepared);
    } finally {
      this.leave();
    }
  }

  /** Checks an event and its payload: its outbox row. */
  private rowOf<E extends EventDefinition>(
    event: E,
    payload: PayloadOf<E>,
    meta: EmitMeta,
    occurredAt: Date,
  ): OutboxRow {
    if (!this.definitions.has(event.name)) {
      throw new RacedeskError('RD_EVENT_UNKNOWN', `Event "${event.name}" is not declared`);
    }
    if (!this.validatorOf(event).Check(payload)) {
      const first = [...Value.Errors(event.schema, payload)][0];
      throw new RacedeskError(
        'RD_EVENT_PAYLOAD',
        `Payload of "${event.name}" is invalid at ${first?.instancePath || '/'}: ${first?.message}`,
      );
    }
    return {
      name: event.name,
      orgId: meta.orgId ?? null,
      actorJson: JSON.stringify(meta.actor),
      payloadJson: JSON.stringify(payload),
      occurredAt,
      durable: this.routeOf(event.name).durable,
      retryAt: new Date(occurredAt.getTime() + DURABLE_GRACE_MS),
    };
  }

  private validatorOf(event: EventDefinition): Validator {
    let validator = this.validators.get(event.schema);
    if (!validator) {
      validator = Compile(event.schema);
      this.validators.set(event.schema, validator);
    }
    return validator;
  }

  // The events of one transaction reach subscribers in the order they were emitted (a sign-up before
  // its approval), each event's subscribers by priority; nothing is dispatched for a rollback.
  private dispatchAfterCommit(root: Knex.Transaction, event: DispatchedEvent): void {
    const queued = this.afterCommit.get(root);
    if (queued) {
      queued.push(event);
      return;
    }
    const events = [event];
    this.afterCommit.set(root, events);
    root.executionPromise.then(
      () => this.dispatchCommitted(events),
      () => {},
    );
  }

  private leave(): void {
    this.inflight--;
    if (this.inflight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  /**
   * Emits made in the same transaction during the same turn (say, one per room of a batch of room
   * updates) share one insert; each emitter still gets its own row, in call order.
   */
  private insertInTransaction(trx: Knex.Transaction, row: OutboxRow): Promise<number> {
    return new Promise((resolve, reject) => {
      let queue = this.queued.get(trx);
      if (!queue) {
        const pending: QueuedEmit[] = [];
        queue = pending;
        this.queued.set(trx, pending);
        queueMicrotask(() => {
          this.queued.delete(trx);
          insertEvents(
            trx,
            pending.map((p) => p.row),
          ).then(
            (ids) => {
              for (const [i, p] of pending.entries()) p.resolve(ids[i]!);
            },
            (error: unknown) => {
              for (const p of pending) p.reject(error);
            },
          );
        });
      }
      queue.push({ row, resolve, reject });
    });
  }

  /**
   * Runs the subscribers of an event by priority; `only` limits it to some (recovery), `prepared` is
   * the read-ahead of its committed transaction.
   */
  async dispatch(event: DispatchedEvent, only?: ReadonlySet<string>, prepared?: Prepared): Promise<void> {
    this.inflight++;
    try {
      // Handlers start after the emitter's current step, never inside its call to emit.
      await undefined;
      for (const group of this.routeOf(event.name).groups) {
        const runs = only ? group.filter((s) => only.has(s.id)) : group;
        if (runs.length === 1) await this.runOne(runs[0]!, event, prepared);
        else if (runs.length > 1) await Promise.all(runs.map((s) => this.runOne(s, event, prepared)));
      }
    } finally {
      this.leave();
    }
  }

  private routeOf(name: string): Route {
    let route = this.routes.get(name);
    if (!route) {
      const subs = this.subscriptions.get(name) ?? [];
      route = {
        groups: PRIORITIES.map((p) => subs.filter((s) => s.priority === p)).filter((g) => g.length > 0),
        durable: subs.filter((s) => s.durable).map((s) => s.id),
        prepares: [...new Set(subs.flatMap((s) => (s.prepare ? [s.prepare] : [])))],
      };
      this.routes.set(name, route);
    }
    return route;
  }

  private async runOne(sub: Subscription, event: DispatchedEvent, prepared?: Prepared): Promise<void> {
    const ahead = sub.prepare && prepared?.get(sub.prepare);
    if (ahead) await ahead;
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const running = sub.handler(event);
      if (running)
        await new Promise<void>((resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${sub.timeoutMs} ms`)), sub.timeoutMs);
          running.then(resolve, reject);
        });
      if (sub.durable) this.acknowledge(event.id, sub.id);
      this.metrics?.subscriberRuns.inc({ subscriber: sub.id, outcome: 'ok' });
    } catch (error) {
      this.metrics?.subscriberRuns.inc({ subscriber: sub.id, outcome: 'error' });
      this.logger.error(
        { err: error, subscriber: sub.id, event: event.name, eventId: event.id, durable: sub.durable },
        'event subscriber failed',
      );
    } finally {
      clearTimeout(timer);
      this.metrics?.subscriberSeconds.observe({ subscriber: sub.id }, (performance.now() - started) / 1000);
    }
  }

  /**
   * Marks a durable subscriber done with an event. Acknowledgements made while one update runs wait
   * and share the next (one statement per subscriber), so a stream of events costs few round trips;
   * the dispatch does not wait for them, {@link idle} does. One lost to a crash means a redelivery.
   */
  private acknowledge(eventId: number, subscriberId: string): void {
    const ids = this.acks.get(subscriberId) ?? [];
    ids.push(eventId);
    this.acks.set(subscriberId, ids);
    if (this.acking) return;
    this.acking = true;
    this.inflight++;
    void this.flushAcks().finally(() => {
      this.acking = false;
      this.leave();
    });
  }

  private async flushAcks(): Promise<void> {
    while (this.acks.size) {
      const batch = this.acks;
      this.acks = new Map();
      for (const [subscriberId, ids] of batch) {
        try {
          await this.db('events')
            .whereRaw('id = any(?)', [ids])
            .update({
              pending_subscribers: this.db.raw('array_remove(pending_subscribers, ?)', [subscriberId]),
            });
        } catch (error) {
          this.logger.error(
            { err: error, subscriber: subscriberId, events: ids.length },
            'event acknowledgement failed; the events will be redelivered',
          );
        }
      }
    }
  }

  /** Resolves once no dispatch is running (tests and graceful shutdown wait on it). */
  idle(): Promise<void> {
    if (this.inflight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Durable subscribers registered in this process, by id. */
  durableIds(): Set<string> {
    return new Set(
      [...this.subscriptions.values()]
        .flat()
        .filter((s) => s.durable)
        .map((s) => s.id),
    );
  }
}
