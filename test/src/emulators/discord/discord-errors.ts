/** Discord JSON error codes the emulator answers, with their HTTP status and exact message. */
export const DISCORD_ERRORS = {
  0: { status: 401, message: '401: Unauthorized' },
  10003: { status: 404, message: 'Unknown Channel' },
  10004: { status: 404, message: 'Unknown Guild' },
  10007: { status: 404, message: 'Unknown Member' },
  10008: { status: 404, message: 'Unknown Message' },
  10011: { status: 404, message: 'Unknown Role' },
  10013: { status: 404, message: 'Unknown User' },
  10070: { status: 404, message: 'Unknown Guild Scheduled Event' },
  20001: { status: 403, message: 'Bots cannot use this endpoint' },
  20002: { status: 403, message: 'Only bots can use this endpoint' },
  40001: { status: 401, message: 'Unauthorized' },
  50001: { status: 403, message: 'Missing Access' },
  50005: { status: 403, message: 'Cannot edit a message authored by another user' },
  50006: { status: 400, message: 'Cannot send an empty message' },
  50007: { status: 403, message: 'Cannot send messages to this user' },
  50013: { status: 403, message: 'Missing Permissions' },
  50033: { status: 400, message: 'Invalid Recipient(s)' },
  50035: { status: 400, message: 'Invalid Form Body' },
  130000: { status: 503, message: 'API resource is currently overloaded. Try again a little later.' },
} as const;

/** A JSON error code the emulator knows. */
export type DiscordErrorCode = keyof typeof DISCORD_ERRORS;

/** One field error inside a 50035 body. */
export interface FieldError {
  code: string;
  message: string;
}

/** Nested `errors` tree of a 50035 body: `{ embeds: { 0: { title: { _errors: [...] } } } }`. */
export interface FieldErrors {
  [key: string]: FieldErrors | FieldError[];
}

/** Collects field errors under dotted paths (`embeds.0.title`) and builds Discord's nested tree. */
export class FormErrors {
  private readonly tree: FieldErrors = {};
  private count = 0;

  add(path: string, code: string, message: string): void {
    let node = this.tree;
    for (const key of path.split('.')) {
      const child = node[key];
      if (!child || Array.isArray(child)) node[key] = {};
      node = node[key] as FieldErrors;
    }
    const list = (node._errors as FieldError[] | undefined) ?? [];
    list.push({ code, message });
    node._errors = list;
    this.count++;
  }

  get empty(): boolean {
    return this.count === 0;
  }

  get errors(): FieldErrors {
    return this.tree;
  }
}
