/** The one way the panel talks to the server: the public REST API under /api/v1, as integrators do. */

/** One invalid field from an error's `details` (`field` is like `body/name` or `settings/goal`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** An error answered by the API (`{ error: { code, message, details? } }`) or by the network. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field issues in `details`, keyed by field path without its leading context (`body/`). */
  fieldErrors(context = 'body'): Record<string, string> {
    const out: Record<string, string> = {};
    if (!Array.isArray(this.details)) return out;
    for (const issue of this.details as FieldIssue[]) {
      if (typeof issue?.field !== 'string') continue;
      const key = issue.field.startsWith(`${context}/`)
        ? issue.field.slice(context.length + 1)
        : issue.field === context
          ? ''
          : issue.field;
      out[key] ??= issue.message;
    }
    return out;
  }
}

let csrfToken: string | null = null;
/** Cookie-authenticated writes need the session's CSRF token (from GET /api/v1/me). */
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

type Listener = (pending: number) => void;
const listeners = new Set<Listener>();
let pending = 0;
const track = (delta: number) => {
  pending += delta;
  for (const l of listeners) l(pending);
};
/** Calls `listener` with the number of requests in flight whenever it changes (for the progress bar). */
export function onPendingChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const signedOutListeners = new Set<() => void>();
/** Called when the API answers 401: the session ended (expired, or signed out elsewhere). */
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  signal?: AbortSignal;
}

/** Builds `/api/v1/...` with a query string, skipping empty values. */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

async function errorFrom(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.message) {
      return new ApiError(
        res.status,
        body.error.code ?? 'RD_UNKNOWN',
        body.error.message,
        body.error.details,
      );
    }
  } catch {
    // not JSON: fall through
  }
  return new ApiError(res.status, 'RD_HTTP', `The server answered ${res.status} ${res.statusText}`.trim());
}

/** Calls the API; resolves with the JSON body (undefined for 204) or rejects with an {@link ApiError}. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  track(1);
  try {
    let res: Response;
    try {
      res = await fetch(apiUrl(path, options.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(
        0,
        'RD_NETWORK',
        'Could not reach the Racedesk server. Check your connection and retry.',
      );
    }
    if (!res.ok) {
      const error = await errorFrom(res);
      if (res.status === 401 && path !== '/me') for (const l of signedOutListeners) l();
      throw error;
    }
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  } finally {
    track(-1);
  }
}
