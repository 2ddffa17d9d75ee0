import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Database } from '../db/connect.js';
import type { DispatchedEvent, WriteStatement } from './define-event.js';
import { NOTIFY_CHANNEL, NOTIFY_IDS } from './event-row.js';

/** An event ready for the `events` outbox: checked, its actor and payload written out as JSON. */
export interface OutboxRow {
  name: string;
  orgId: number | null;
  actorJson: string;
  payloadJson: string;
  occurredAt: Date;
  /** Durable subscribers still owed the event. */
  durable: readonly string[];
  retryAt: Date;
}

/** An outbox row as subscribers get it: their own copy of the actor and payload, as stored. */
export const committedEvent = (id: number, row: OutboxRow): DispatchedEvent => ({
  id,
  name: row.name,
  orgId: row.orgId,
  actor: JSON.parse(row.actorJson),
  payload: JSON.parse(row.payloadJson),
  occurredAt: row.occurredAt,
});

/**
 * A CTE `name` that tells other instances of the rows of CTE `from` (committed with them): one NOTIFY
 * per {@link NOTIFY_IDS} ids, comma-separated. Bind {@link NOTIFY_CHANNEL} at its `?`; select
 * `(select count(*) from <name>)` so that it runs.
 */
const notifyCte = (name: string, from: string) => `${name} as (
  select pg_notify(?, string_agg(id::text, ',' order by id))
  from (select id, (row_number() over (order by id) - 1) / ${NOTIFY_IDS} as part from ${from}) as ids
  group by part
)`;

/** Writes rows to the outbox in one round trip, with their NOTIFYs; their ids, in the given order. */
export async function insertEvents(
  executor: Database | Knex.Transaction,
  rows: readonly OutboxRow[],
): Promise<number[]> {
  const result = (await executor.raw(
    `with inserted as (
       insert into events (name, org_id, actor, payload, occurred_at, pending_subscribers, retry_at)
       values ${rows.map(() => '(?, ?, ?, ?, ?, ?::text[], ?)').join(', ')} returning id
     ), ${notifyCte('notified', 'inserted')}
     select id, (select count(*) from notified) as notifications from inserted order by id`,
    [
      ...rows.flatMap((r) => [
        r.name,
        r.orgId,
        r.actorJson,
        r.payloadJson,
        r.occurredAt,
        [...r.durable],
        r.retryAt,
      ]),
      NOTIFY_CHANNEL,
    ],
  )) as { rows: Array<{ id: number }> };
  return result.rows.map((r) => r.id);
}

/**
 * Runs the caller's data-modifying CTEs (one named `gate` with a text column `key`) with the outbox
 * insert of the `staged` rows whose key the gate returned, in order, and their NOTIFYs: one statement.
 * The keys the gate returned, and the ids of the rows written, in order.
 */
export async function insertEventsWith(
  db: Database,
  statement: WriteStatement,
  staged: ReadonlyArray<{ key: string; row: OutboxRow }>,
): Promise<{ keys: string[]; ids: number[] }> {
  // One JSON document for all of them, the payloads spliced in as written.
  const document = `[${staged
    .map(
      ({ key, row }, ord) =>
        `{"ord":${ord},"key":${JSON.stringify(key)},"name":${JSON.stringify(row.name)},` +
        `"org_id":${JSON.stringify(row.orgId)},"actor":${row.actorJson},"payload":${row.payloadJson},` +
        `"occurred_at":${JSON.stringify(row.occurredAt)},"durable":${JSON.stringify(row.durable)},` +
        `"retry_at":${JSON.stringify(row.retryAt)}}`,
    )
    .join(',')}]`;
  const sql =
    // The CTEs added here are prefixed, out of the way of the caller's.
    `${statement.sql},
     rd_staged as (
       select * from jsonb_to_recordset(?::jsonb) as s(ord int, key text, name text, org_id bigint,
         actor jsonb, payload jsonb, occurred_at timestamptz, durable text[], retry_at timestamptz)
     ), rd_inserted as (
       insert into events (name, org_id, actor, payload, occurred_at, pending_subscribers, retry_at)
       select s.name, s.org_id, s.actor, s.payload, s.occurred_at, s.durable, s.retry_at
       from rd_staged as s where s.key in (select key from gate) order by s.ord
       returning id
     ), ${notifyCte('rd_notified', 'rd_inserted')}
     select (select coalesce(json_agg(key), '[]'::json) from gate) as keys,
       (select coalesce(json_agg(id order by id), '[]'::json) from rd_inserted) as ids,
       (select count(*) from rd_notified) as notifications`;
  const result = (await preparedRaw(db, sql, [...statement.bindings, document, NOTIFY_CHANNEL])) as {
    rows: Array<{ keys: string[]; ids: number[] }>;
  };
  return result.rows[0]!;
}

/** Statement texts this process runs as named prepared statements, with their names (see {@link preparedRaw}). */
const preparedNames = new Map<string, string>();
/** More distinct texts than this are a caller splicing data into its statement: they run unnamed. */
const MAX_PREPARED_TEXTS = 64;

/**
 * Runs a statement whose text stays the same from call to call (the data is bound) as a named prepared
 * statement: each connection parses and plans it once, then only binds and executes (planning was 60 %
 * of the server time of a batched room update). The name is a hash of the text, so one connection never
 * sees a name with two texts; past {@link MAX_PREPARED_TEXTS} texts, statements run unnamed, so a
 * caller that varies its text does not pile up statements on every connection.
 */
function preparedRaw(db: Database, sql: string, bindings: readonly Knex.RawBinding[]) {
  const raw = db.raw(sql, bindings);
  let name = preparedNames.get(sql);
  if (name === undefined) {
    if (preparedNames.size >= MAX_PREPARED_TEXTS) return raw;
    name = `rd_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    preparedNames.set(sql, name);
  }
  // Knex hands `options` to pg's query config; `name` makes it a prepared statement.
  return raw.options({ name });
}
