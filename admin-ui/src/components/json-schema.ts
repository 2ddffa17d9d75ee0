/** The part of JSON Schema (as TypeBox emits it) that plugin settings forms understand. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  examples?: unknown[];
}

export const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The fixed choices of a field (`enum`, or `anyOf` of `const`s), if it has them. */
export function choicesOf(schema: JsonSchema): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  if (schema.anyOf?.length && schema.anyOf.every((s) => 'const' in s))
    return schema.anyOf.map((s) => s.const);
  return undefined;
}

/** The field's primary type, ignoring "null" in a type list. */
export function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  const choices = choicesOf(schema);
  if (choices?.length) return typeof choices[0];
  return undefined;
}

/** A field's label: its title, else its key in words ("openMinutesBefore" → "Open minutes before"). */
export function labelOf(key: string, schema: JsonSchema): string {
  if (schema.title) return schema.title;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Short words for the limits of a field, shown under it ("1 to 240"). */
export function limitsOf(schema: JsonSchema): string | undefined {
  const parts: string[] = [];
  if (schema.minimum !== undefined && schema.maximum !== undefined)
    parts.push(`${schema.minimum} to ${schema.maximum}`);
  else if (schema.minimum !== undefined) parts.push(`at least ${schema.minimum}`);
  else if (schema.maximum !== undefined) parts.push(`at most ${schema.maximum}`);
  if (schema.maxLength !== undefined) parts.push(`up to ${schema.maxLength} characters`);
  if (schema.default !== undefined && typeof schema.default !== 'object')
    parts.push(`default ${String(schema.default)}`);
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * Maps validation issues (`field` relative to the form, e.g. `goal` or `rooms/delay`) to form paths;
 * "must have required properties a, b" at an object is put on each named field.
 */
export function issuesByPath(errors: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(errors)) {
    const path = field.replace(/^\/+/, '');
    const required = /must have required propert(?:y|ies) (.+)$/.exec(message);
    if (required?.[1]) {
      for (const name of required[1].split(',').map((n) => n.trim().replace(/^'|'$/g, ''))) {
        out[path ? `${path}/${name}` : name] ??= 'is required';
      }
      continue;
    }
    out[path] ??= message;
  }
  return out;
}
