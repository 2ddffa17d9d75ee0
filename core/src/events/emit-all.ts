import type { Knex } from 'knex';
import type { EventBus } from './bus.js';
import type { EmitMeta, EventDefinition } from './define-event.js';

/** Events per shared outbox insert (7 parameters each, far below PostgreSQL's 65,535). */
const CHUNK = 1000;

/** One event to emit: its definition and payload. */
export type Emission = readonly [EventDefinition, unknown];

/**
 * Emits many events in one transaction, in order: each chunk is emitted in one turn, so the bus
 * writes it with one outbox insert (ADR 0006); subscribers still get one event each, in this order.
 */
export async function emitAll(
  bus: EventBus,
  emissions: readonly Emission[],
  meta: EmitMeta,
  trx: Knex.Transaction,
): Promise<void> {
  for (let i = 0; i < emissions.length; i += CHUNK) {
    await Promise.all(
      emissions.slice(i, i + CHUNK).map(([event, payload]) => bus.emit(event, payload as never, meta, trx)),
    );
  }
}
