import { Type } from 'typebox';

/** An instant in API responses: handlers return a `Date`, clients get an ISO 8601 UTC string. */
export const Timestamp = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

/** A nullable instant. */
export const NullableTimestamp = Type.Unsafe<Date | string | null>({
  type: ['string', 'null'],
  format: 'date-time',
});
