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

function decode(cursor: string, size: number): CursorValue[] {
  try {
    const values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(values) &&
      values.length === size &&
      values.every((v) => v === null || typeof v !== 'object')
    ) {
      return values as CursorValue[];
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest('RD_PAGE_CURSOR', 'cursor is not a cursor this list returned');
}

const field = (column: string) => column.slice(column.lastIndexOf('.') + 1);
const cursorValue = (value: unknown): CursorValue =>
  value instanceof Date ? value.toISOString() : (value as CursorValue);

/**
 * Keyset pagination for any Knex query: orders by `order`, continues after `cursor`, fetches one
 * extra row to know whether another page exists. Stable under inserts, unlike offsets.
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
  const rows = (await query.limit(limit + 1)) as Row[];
  const items = rows.slice(0, limit);
  const last = items.at(-1) as Record<string, unknown> | undefined;
  const nextCursor =
    rows.length > limit && last ? encode(columns.map((c) => cursorValue(last[field(c)]))) : null;
  return { items, nextCursor };
}
