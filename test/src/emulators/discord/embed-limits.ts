import { FormErrors } from './discord-errors.js';

/** Discord's embed limits (Message resource > Embed limits). */
const LIMITS = { title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024 } as const;
const OTHER = { footer: 2048, author: 256, total: 6000, embeds: 10, content: 2000 } as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function tooLong(errors: FormErrors, path: string, value: unknown, max: number): number {
  const length = text(value).length;
  if (length > max) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  return length;
}

function checkEmbed(errors: FormErrors, embed: unknown, i: number): number {
  const at = `embeds.${i}`;
  if (!isObj(embed)) {
    errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return 0;
  }
  let total = tooLong(errors, `${at}.title`, embed.title, LIMITS.title);
  total += tooLong(errors, `${at}.description`, embed.description, LIMITS.description);
  if (isObj(embed.footer)) total += tooLong(errors, `${at}.footer.text`, embed.footer.text, OTHER.footer);
  if (isObj(embed.author)) total += tooLong(errors, `${at}.author.name`, embed.author.name, OTHER.author);
  if (embed.color !== undefined && embed.color !== null && !Number.isInteger(embed.color)) {
    errors.add(`${at}.color`, 'NUMBER_TYPE_COERCE', `Value "${String(embed.color)}" is not int.`);
  }
  const fields = Array.isArray(embed.fields) ? embed.fields : [];
  if (fields.length > LIMITS.fields) {
    errors.add(`${at}.fields`, 'BASE_TYPE_MAX_LENGTH', `Must be ${LIMITS.fields} or fewer in length.`);
  }
  fields.forEach((field: unknown, j) => {
    const f = isObj(field) ? field : {};
    for (const key of ['name', 'value'] as const) {
      if (!text(f[key]))
        errors.add(`${at}.fields.${j}.${key}`, 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    total += tooLong(errors, `${at}.fields.${j}.name`, f.name, LIMITS.fieldName);
    total += tooLong(errors, `${at}.fields.${j}.value`, f.value, LIMITS.fieldValue);
  });
  return total;
}

/**
 * Validates a create/edit message body loosely against Discord's limits.
 * Returns `'empty'` for a message with nothing to show (50006), field errors (50035), or null.
 */
export function validateMessageBody(body: Obj, requireSomething = true): FormErrors | 'empty' | null {
  const errors = new FormErrors();
  tooLong(errors, 'content', body.content, OTHER.content);
  const embeds = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > OTHER.embeds) {
    errors.add('embeds', 'BASE_TYPE_MAX_LENGTH', `Must be ${OTHER.embeds} or fewer in length.`);
  }
  const total = embeds.reduce((sum: number, embed, i) => sum + checkEmbed(errors, embed, i), 0);
  if (total > OTHER.total)
    errors.add('embeds', 'MAX_EMBED_SIZE_EXCEEDED', 'Embed size exceeds maximum size of 6000');
  if (!errors.empty) return errors;
  const hasSomething =
    text(body.content).length > 0 ||
    embeds.length > 0 ||
    (Array.isArray(body.components) && body.components.length > 0) ||
    (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0);
  return requireSomething && !hasSomething ? 'empty' : null;
}
