import type { Knex } from 'knex';
import type { Static, TSchema } from 'typebox';
import type { Actor } from '../actor.js';

/** A declared event: its name (`<plugin>.<entity>.<verb>`) and the TypeBox schema of its payload. */
export interface EventDefinition<Name extends string = string, Schema extends TSchema = TSchema> {
  readonly name: Name;
  readonly schema: Schema;
  readonly description?: string;
}

/** Declares an event. Emitters and subscribers get the payload type from the schema. */
export function defineEvent<const Name extends string, Schema extends TSchema>(
  name: Name,
  schema: Schema,
  description?: string,
): EventDefinition<Name, Schema> {
  return { name, schema, description };
}

/** The payload type of an event definition. */
export type PayloadOf<E extends EventDefinition> = Static<E['schema']>;

/** An event as subscribers receive it. */
export interface DispatchedEvent<E extends EventDefinition = EventDefinition> {
  id: number;
  name: E['name'];
  orgId: number | null;
  actor: Actor;
  payload: PayloadOf<E>;
  occurredAt: Date;
}

/** Where an emitted event belongs and who caused it. */
export interface EmitMeta {
  actor: Actor;
  orgId?: number | null;
}

/**
 * A caller's statement for `writeWith`: data-modifying CTEs without the final `select`, one of them
 * named `gate` with a text column `key`. Its text stays the same from call to call (the data is bound).
 */
export interface WriteStatement {
  sql: string;
  bindings: readonly Knex.RawBinding[];
}

/** An event written with a caller's statement only if the statement's `gate` returns its `key`. */
export interface StagedEvent<E extends EventDefinition = EventDefinition> {
  key: string;
  event: E;
  payload: PayloadOf<E>;
  meta: EmitMeta;
}
