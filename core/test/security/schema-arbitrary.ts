import fc from 'fast-check';

/** The JSON-schema keywords TypeBox emits that the fuzzer understands. */
interface Schema {
  type?: string | string[];
  anyOf?: Schema[];
  allOf?: Schema[];
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  patternProperties?: Record<string, Schema>;
}

/** Values that satisfy a route schema (mostly): strings follow patterns, numbers their bounds. */
export function arbitraryFor(schema: Schema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue();
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(arbitraryFor));
  if (schema.allOf) {
    return fc
      .tuple(...schema.allOf.map(arbitraryFor))
      .map((parts) => Object.assign({}, ...parts.filter((p) => typeof p === 'object')));
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern) {
        const max = schema.maxLength ?? 1000;
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= max);
        } catch {
          // fast-check cannot generate from every regex (lookaheads): fall back to any short string.
          return fc.string({ maxLength: Math.min(max, 40) });
        }
      }
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -2_000_000_000, max: schema.maximum ?? 2_000_000_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryFor(schema.items), { maxLength: 4 });
    case 'object': {
      const props = schema.properties ?? {};
      if (Object.keys(props).length === 0)
        return fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue(), { maxKeys: 3 });
      const shape = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryFor(v)]));
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      return fc.jsonValue();
  }
}

/** Either a value shaped like the schema or arbitrary JSON, so both deep and shallow paths are hit. */
export const fuzzFor = (schema: Schema | undefined) => fc.oneof(arbitraryFor(schema), fc.jsonValue());
