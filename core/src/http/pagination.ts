import type { Knex } from 'knex';
import { type TSchema, Type } from 'typebox';
import { badRequest } from '../errors.js';

/** Query parameters of every list route: `limit` (1–100, default 25) and the opaque `cursor` of the previous page. */
export const PageQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, default: 25, description: 'Items per page' }),
  ),
  cursor: Type.Optional(
    Type.String({ maxLength: 512, description: 'nextCursor of the previous page; omit for the first page' }),
  ),
});

/** The response of every list route: `{ items, nextCursor }` (`nextCursor` is null on the last page). */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as `cursor` for the next page',
    }),
  });

/** One page of items. */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/** How a list is ordered: columns (last one unique, e.g. the id) all in one direction. */
export interface PageOrder {
  /** Qualified or plain column names; each row must carry the value under the part after the last dot. */
  columns: readonly string[];
  direction: 'asc' | 'desc';
}

type CursorValue = string | number | boolean | null;

const encode = (values: CursorValue[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

const badCursor = () => badRequest('RD_PAGE_CURSOR', 'cursor is not a cursor this list returned');

// What a cursor can carry: the scalar values `encode` wrote. Infinity (JSON `1e999`) and NUL characters
// never come from a row, and PostgreSQL would refuse them anyway.
const isCursorValue = (v: unknown): v is CursorValue =>
  v === null ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && Number.isFinite(v)) ||
  (typeof v === 'string' && !v.includes('\u0000'));

function decode(cursor: string, size: number): CursorValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (Array.isArray(values) && values.length === size && values.every(isCursorValue)) return values;
  throw badCursor();
}

// SQLSTATE class 22 (data exception): a value PostgreSQL cannot read as the column's type, e.g. a
// timestamp that is no timestamp or an id out of range. List filters are checked by the route schemas
// before they reach SQL, so with a cursor in the query such an error is the cursor's, a 400 and not a 500.
const isDataException = (err: unknown) =>
  typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('22');

const field = (column: string) => column.slice(column.lastIndexOf('.') + 1);
const cursorValue = (value: unknown): CursorValue =>
  value instanceof Date ? value.toISOString() : (value as CursorValue);

/**
 * Keyset pagination for any Knex query: orders by `order`, continues after `cursor`, fetches one
 * extra row to know whether another page exists. Stable under inserts, unlike offsets.
 *
 * The one place cursors are checked: a cursor this list did not return (not decodable, the wrong
 * number of values, or values of the wrong type for the columns) throws 400 `RD_PAGE_CURSOR`, so list
 * routes pass `cursor` through without checks of their own.
 */
export async function paginate<Row extends object>(
  query: Knex.QueryBuilder,
  page: { limit?: number; cursor?: string },
  order: PageOrder,
): Promise<PageOf<Row>> {
  const limit = page.limit ?? 25;
  const { columns, direction } = order;
  if (page.cursor) {
    const values = decode(page.cursor, columns.length);
    const tuple = columns.map(() => '??').join(', ');
    const params = columns.map(() => '?').join(', ');
    query.whereRaw(`(${tuple}) ${direction === 'asc' ? '>' : '<'} (${params})`, [...columns, ...values]);
  }
  for (const column of columns) query.orderBy(column, direction);
  const rows = (await query.limit(limit + 1).catch((err: unknown) => {
    if (page.cursor && isDataException(err)) throw badCursor();
    throw err;
  })) as Row[];
  const items = rows.slice(0, limit);
  const last = items.at(-1) as Record<string, unknown> | undefined;
  const nextCursor =
    rows.length > limit && last ? encode(columns.map((c) => cursorValue(last[field(c)]))) : null;
  return { items, nextCursor };
}
