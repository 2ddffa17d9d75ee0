import { RacetimeError } from './racetime-errors.js';

/**
 * A JSON object read defensively: every getter checks the type and names the path when it is wrong.
 * The path is only spelled out for an error (frames are read by the thousand per second).
 */
export class JsonReader {
  private constructor(
    private readonly value: Record<string, unknown>,
    private readonly parent: JsonReader | string,
    private readonly key: string | null,
    private readonly index: number,
  ) {}

  /** Wraps `value`, which must be a JSON object. */
  static of(value: unknown, path = '$'): JsonReader {
    return JsonReader.wrap(value, path, null, -1);
  }

  private static wrap(value: unknown, parent: JsonReader | string, key: string | null, index: number) {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw malformed(JsonReader.pathOf(parent, key, index), 'an object');
    return new JsonReader(value as Record<string, unknown>, parent, key, index);
  }

  private static pathOf(parent: JsonReader | string, key: string | null, index: number): string {
    const base = typeof parent === 'string' ? parent : parent.path;
    return `${base}${key === null ? '' : `.${key}`}${index < 0 ? '' : `[${index}]`}`;
  }

  private get path(): string {
    return JsonReader.pathOf(this.parent, this.key, this.index);
  }

  /** Parses JSON text into a reader; malformed text is a `bad_response`, never a crash. */
  static parse(text: string, what: string): JsonReader {
    return JsonReader.of(parseJson(text, what), what);
  }

  keys(): string[] {
    return Object.keys(this.value);
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  raw(key: string): unknown {
    return this.value[key];
  }

  string(key: string): string {
    const v = this.value[key];
    if (typeof v !== 'string') throw malformed(`${this.path}.${key}`, 'a string');
    return v;
  }

  /** A string, or `null` when absent or null. */
  optionalString(key: string): string | null {
    return this.has(key) ? this.string(key) : null;
  }

  number(key: string): number {
    const v = this.value[key];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw malformed(`${this.path}.${key}`, 'a number');
    return v;
  }

  optionalNumber(key: string): number | null {
    return this.has(key) ? this.number(key) : null;
  }

  /** A boolean; `fallback` when absent (fields racetime.gg added over time). */
  boolean(key: string, fallback?: boolean): boolean {
    const v = this.value[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v !== 'boolean') throw malformed(`${this.path}.${key}`, 'a boolean');
    return v;
  }

  object(key: string): JsonReader {
    return JsonReader.wrap(this.value[key], this, key, -1);
  }

  optionalObject(key: string): JsonReader | null {
    return this.has(key) ? this.object(key) : null;
  }

  /** Each element of an array, as a reader. */
  objects(key: string): JsonReader[] {
    const v = this.value[key];
    if (!Array.isArray(v)) throw malformed(`${this.path}.${key}`, 'an array');
    return v.map((item, i) => JsonReader.wrap(item, this, key, i));
  }

  strings(key: string): string[] {
    const v = this.value[key];
    if (!Array.isArray(v) || v.some((s) => typeof s !== 'string'))
      throw malformed(`${this.path}.${key}`, 'an array of strings');
    return v as string[];
  }
}

/** `JSON.parse` whose failure is a `bad_response` RacetimeError naming what was being read. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new RacetimeError('bad_response', `racetime.gg sent malformed JSON for ${what}`, { cause });
  }
}

function malformed(path: string, expected: string): RacetimeError {
  return new RacetimeError('bad_response', `racetime.gg sent unexpected data: ${path} is not ${expected}`);
}
