import { CheckboxField, FieldFrame, SelectField, TextAreaField, TextField } from './field';
import { choicesOf, isSchema, type JsonSchema, labelOf, limitsOf, typeOf } from './json-schema';

type Values = Record<string, unknown>;

interface FieldProps {
  name: string;
  path: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  errors: Record<string, string>;
  onChange: (value: unknown) => void;
}

const hintOf = (schema: JsonSchema) =>
  [schema.description, limitsOf(schema)].filter(Boolean).join(' · ') || undefined;

function ChoiceField({ name, schema, required, value, errors, path, onChange }: FieldProps) {
  const choices = choicesOf(schema) ?? [];
  const options = [
    ...(required && value !== undefined ? [] : [{ value: '', label: required ? 'Choose…' : '(not set)' }]),
    ...choices.map((c) => ({ value: String(c), label: String(c) })),
  ];
  return (
    <SelectField
      label={labelOf(name, schema)}
      hint={hintOf(schema)}
      error={errors[path]}
      required={required}
      options={options}
      value={value === undefined ? '' : String(value)}
      onChange={(e) => {
        const picked = choices.find((c) => String(c) === e.target.value);
        onChange(e.target.value === '' ? undefined : picked);
      }}
    />
  );
}

function NumberField({ name, schema, required, value, errors, path, onChange }: FieldProps) {
  return (
    <TextField
      label={labelOf(name, schema)}
      hint={hintOf(schema)}
      error={errors[path]}
      required={required}
      type="number"
      inputMode={typeOf(schema) === 'integer' ? 'numeric' : 'decimal'}
      step={typeOf(schema) === 'integer' ? 1 : 'any'}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(e) => {
        const raw = e.target.value;
        // Unparsable input is sent as typed, so the server names the problem on this field.
        onChange(raw === '' ? undefined : Number.isFinite(Number(raw)) ? Number(raw) : raw);
      }}
    />
  );
}

function ListField({ name, schema, required, value, errors, path, onChange }: FieldProps) {
  const items = Array.isArray(value) ? value : [];
  const numeric = schema.items && ['integer', 'number'].includes(typeOf(schema.items) ?? '');
  return (
    <TextAreaField
      label={labelOf(name, schema)}
      hint={[hintOf(schema), 'One per line'].filter(Boolean).join(' · ')}
      error={errors[path] ?? Object.entries(errors).find(([k]) => k.startsWith(`${path}/`))?.[1]}
      required={required}
      rows={Math.min(8, Math.max(2, items.length + 1))}
      value={items.map(String).join('\n')}
      onChange={(e) => {
        const lines = e.target.value.split('\n');
        const cleaned = e.target.value === '' ? [] : lines;
        onChange(numeric ? cleaned.map((l) => (l.trim() === '' ? l : Number(l))) : cleaned);
      }}
    />
  );
}

function JsonField({ name, schema, required, value, errors, path, onChange }: FieldProps) {
  return (
    <TextAreaField
      label={labelOf(name, schema)}
      hint={[hintOf(schema), 'JSON'].filter(Boolean).join(' · ')}
      error={errors[path]}
      required={required}
      rows={4}
      className="input mono"
      defaultValue={value === undefined ? '' : JSON.stringify(value, null, 2)}
      onChange={(e) => {
        try {
          onChange(e.target.value.trim() === '' ? undefined : JSON.parse(e.target.value));
        } catch {
          onChange(e.target.value);
        }
      }}
    />
  );
}

/** One settings field, chosen by its schema's type. */
function SchemaField(props: FieldProps) {
  const { name, schema, required, value, errors, path, onChange } = props;
  if (choicesOf(schema)) return <ChoiceField {...props} />;
  const type = typeOf(schema);
  if (type === 'boolean') {
    return (
      <CheckboxField
        label={labelOf(name, schema)}
        hint={hintOf(schema)}
        error={errors[path]}
        checked={value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  }
  if (type === 'integer' || type === 'number') return <NumberField {...props} />;
  if (
    type === 'array' &&
    (!schema.items || ['string', 'integer', 'number'].includes(typeOf(schema.items) ?? ''))
  ) {
    return <ListField {...props} />;
  }
  if (type === 'object' && schema.properties) {
    return (
      <fieldset className="fieldset">
        <legend>{labelOf(name, schema)}</legend>
        {schema.description ? <p className="field-hint">{schema.description}</p> : null}
        {errors[path] ? (
          <p className="field-error" role="alert">
            {errors[path]}
          </p>
        ) : null}
        <SchemaFields
          schema={schema}
          values={isSchema(value) ? (value as Values) : {}}
          errors={errors}
          path={path}
          onChange={onChange}
        />
      </fieldset>
    );
  }
  if (type === 'string') {
    const long = (schema.maxLength ?? 0) > 200;
    const Field = long ? TextAreaField : TextField;
    return (
      <Field
        label={labelOf(name, schema)}
        hint={hintOf(schema)}
        error={errors[path]}
        required={required}
        {...(long
          ? {}
          : {
              type: schema.format === 'uri' ? 'url' : 'text',
              placeholder: schema.examples?.[0] !== undefined ? String(schema.examples[0]) : undefined,
            })}
        value={typeof value === 'string' ? value : value === undefined ? '' : String(value)}
        onChange={(e: { target: { value: string } }) =>
          onChange(e.target.value === '' && !required ? undefined : e.target.value)
        }
      />
    );
  }
  if (!required && value === undefined && !type) {
    return (
      <FieldFrame label={labelOf(name, schema)} hint="Not editable here">
        {({ id }) => <output id={id}>(not set)</output>}
      </FieldFrame>
    );
  }
  return <JsonField {...props} />;
}

function SchemaFields({
  schema,
  values,
  errors,
  path,
  onChange,
}: {
  schema: JsonSchema;
  values: Values;
  errors: Record<string, string>;
  path: string;
  onChange: (values: Values) => void;
}) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {}).map(([key, child]) => {
        const childPath = path ? `${path}/${key}` : key;
        return (
          <SchemaField
            key={key}
            name={key}
            path={childPath}
            schema={child}
            required={required.has(key)}
            value={values[key]}
            errors={errors}
            onChange={(next) => {
              const copy = { ...values };
              if (next === undefined) delete copy[key];
              else copy[key] = next;
              onChange(copy);
            }}
          />
        );
      })}
    </>
  );
}

/**
 * A form generated from a JSON schema of an object (a plugin's settings). `errors` are keyed by path
 * relative to the object (`goal`, `rooms/delay`) and shown on their fields.
 */
export function SchemaForm({
  schema,
  values,
  errors,
  onChange,
}: {
  schema: JsonSchema;
  values: Values;
  errors: Record<string, string>;
  onChange: (values: Values) => void;
}) {
  return <SchemaFields schema={schema} values={values} errors={errors} path="" onChange={onChange} />;
}

/** Values with the schema's defaults filled in where nothing is set yet (top level and nested objects). */
export function withDefaults(schema: JsonSchema, values: Values): Values {
  const out: Values = { ...values };
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    if (out[key] === undefined && child.default !== undefined) out[key] = structuredClone(child.default);
    if (typeOf(child) === 'object' && child.properties && isSchema(out[key] ?? {})) {
      const nested = withDefaults(child, (out[key] as Values | undefined) ?? {});
      if (Object.keys(nested).length > 0) out[key] = nested;
    }
  }
  return out;
}
