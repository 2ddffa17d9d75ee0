import type { FastifyBaseLogger } from 'fastify';
import type { DispatchedEvent } from './define-event.js';

/** A subscriber's read-ahead (`Subscription.prepare`): one call with the events it will get. */
export type Prepare = (events: DispatchedEvent[]) => Promise<void>;
/** The read-ahead of a committed transaction's events under way, by `prepare` function (never rejects). */
export type Prepared = ReadonlyMap<Prepare, Promise<void>>;

/**
 * Starts the read-ahead of the subscribers with `prepare` for a committed transaction's events, each
 * function once with all of its events (`prepares` names them per event name); undefined when none
 * has one. Only those subscribers wait for it; a failure is logged.
 */
export function startReadAheads(
  events: readonly DispatchedEvent[],
  prepares: (eventName: string) => readonly Prepare[],
  logger: FastifyBaseLogger,
): Prepared | undefined {
  let wanted: Map<Prepare, DispatchedEvent[]> | undefined;
  for (const event of events) {
    for (const prepare of prepares(event.name)) {
      wanted ??= new Map();
      const list = wanted.get(prepare);
      if (list) list.push(event);
      else wanted.set(prepare, [event]);
    }
  }
  if (!wanted) return undefined;
  const prepared = new Map<Prepare, Promise<void>>();
  for (const [prepare, some] of wanted) {
    const run = async () => {
      try {
        await prepare(some);
      } catch (error) {
        logger.warn({ err: error, events: some.length }, 'event subscriber could not prepare');
      }
    };
    prepared.set(prepare, run());
  }
  return prepared;
}
