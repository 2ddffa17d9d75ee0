import type { TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { Value } from 'typebox/value';

/** The first thing wrong with a value, as a readable field path and problem. */
export interface WireProblem {
  /** `match1.players[0].discordId`; `prefix` alone for the value itself. */
  field: string;
  /** `must be integer (got "abc")`. */
  problem: string;
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: object;
  message: string;
}

/**
 * Checks `value` against `schema` and names the most specific failing field, or returns `undefined`
 * when the value fits. The deepest path wins, so a bad runner inside `match2` is reported as
 * `match2.players[0].id` rather than "match2 matches neither object nor null".
 */
export function findWireProblem(schema: TSchema, value: unknown, prefix: string): WireProblem | undefined {
  if (compiled(schema).Check(value)) return undefined;
  const errors = Value.Errors(schema, value) as SchemaError[];
  const first = errors.reduce<SchemaError | undefined>(
    (best, e) => (!best || depth(e.instancePath) > depth(best.instancePath) ? e : best),
    undefined,
  );
  if (!first) return { field: prefix, problem: 'does not have the expected shape' };
  const field = fieldPath(prefix, first.instancePath);
  if (first.keyword === 'required') {
    const missing = requiredOf(first.params);
    return { field: missing ? `${field}.${missing}` : field, problem: 'is missing' };
  }
  const got = describeValue(at(value, first.instancePath));
  // A union (`string | null`) fails once per branch: list the accepted types together.
  const types = errors
    .filter((e) => e.instancePath === first.instancePath && e.keyword === 'type')
    .map((e) => (e.params as { type?: unknown }).type)
    .filter((t): t is string => typeof t === 'string');
  const expected = types.length > 0 ? `must be ${[...new Set(types)].join(' or ')}` : first.message;
  return { field, problem: `${expected} (got ${got})` };
}

// A schema compiled once checks a schedule of thousands of episodes several times faster than
// `Value.Check`; the (rare) failures are explained by `Value.Errors` as before.
const validators = new WeakMap<TSchema, Validator>();
function compiled(schema: TSchema): Validator {
  let validator = validators.get(schema);
  if (!validator) {
    validator = Compile(schema) as unknown as Validator;
    validators.set(schema, validator);
  }
  return validator;
}

const depth = (pointer: string): number => (pointer === '' ? 0 : pointer.split('/').length);

function requiredOf(params: object): string | undefined {
  const list = (params as { requiredProperties?: unknown }).requiredProperties;
  return Array.isArray(list) && typeof list[0] === 'string' ? list[0] : undefined;
}

/** `/match1/players/0/id` → `prefix.match1.players[0].id`. */
export function fieldPath(prefix: string, pointer: string): string {
  const parts = pointer.split('/').slice(1).map(unescapePointer);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), prefix);
}

const unescapePointer = (part: string): string => part.replaceAll('~1', '/').replaceAll('~0', '~');

function at(value: unknown, pointer: string): unknown {
  let current = value;
  for (const part of pointer.split('/').slice(1).map(unescapePointer)) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** A short rendering of the offending value for the message (never the whole episode). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
