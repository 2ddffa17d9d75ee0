import { JsonReader, parseJson } from './json-reader.js';
import { parseCategory, parseRace, type RacetimeCategory, type RacetimeRace } from './race-data.js';
import { type RaceSettings, raceSettingsForm } from './race-form.js';
import { RacetimeError, type RacetimeFormErrors } from './racetime-errors.js';
import { systemTimerClock, type TimerClock } from './timer-clock.js';

/** Options of {@link RacetimeHttpClient}. */
export interface RacetimeHttpClientOptions {
  /** racetime.gg base URL, from `RACEDESK_RACETIME_URL` (config `services.racetimeUrl`). */
  baseUrl: string;
  /** Per-request timeout in milliseconds of `clock` time. Default 10 s. */
  timeoutMs?: number;
  /** Drives the timeouts; the testkit's TestClock in tests. */
  clock?: TimerClock;
  /** Replaceable for tests; default the global `fetch`. */
  fetch?: typeof fetch;
}

/** A client-credentials access token (reference §2.4). */
export interface BotAccessToken {
  accessToken: string;
  /** Lifetime in seconds; 36000 when racetime.gg omits it, as every client assumes. */
  expiresIn: number;
  scope: string;
}

/** A room opened by `startrace`, from the `Location` header. */
export interface OpenedRoom {
  category: string;
  slug: string;
  /** `{category}/{slug}`. */
  name: string;
}

interface Call {
  method: 'GET' | 'POST';
  path: string;
  what: string;
  token?: string;
  form?: URLSearchParams;
}

const DEFAULT_EXPIRES_IN = 36_000;

/** Typed calls to racetime.gg's HTTP API; every failure is a {@link RacetimeError}. */
export class RacetimeHttpClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;
  private readonly clock: TimerClock;
  private readonly fetch: typeof fetch;

  constructor(options: RacetimeHttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.clock = options.clock ?? systemTimerClock;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** The `ws://`/`wss://` URL of a site-relative socket path such as a race's `websocket_bot_url`. */
  websocketUrl(path: string): string {
    return `${this.baseUrl.replace(/^http/, 'ws')}${path}`;
  }

  /** `POST /o/token` with `grant_type=client_credentials` for a category bot. */
  async requestBotToken(clientId: string, clientSecret: string): Promise<BotAccessToken> {
    const form = new URLSearchParams({ client_id: clientId, client_secret: clientSecret });
    form.set('grant_type', 'client_credentials');
    const res = await this.send({ method: 'POST', path: '/o/token', what: 'the bot token', form });
    if (res.status === 400 || res.status === 401) {
      const error = safeOAuthError(res.text);
      throw new RacetimeError('auth_failed', `racetime.gg refused the bot's credentials (${error})`, {
        status: res.status,
      });
    }
    const json = JsonReader.of(this.expectJson(res, 200, 'the bot token'), 'the bot token');
    return {
      accessToken: json.string('access_token'),
      expiresIn: json.optionalNumber('expires_in') ?? DEFAULT_EXPIRES_IN,
      scope: json.optionalString('scope') ?? '',
    };
  }

  /** Category data; with a bot token (`/o/{category}/data`) it includes unlisted races (§3.1/§3.2). */
  async categoryData(category: string, botToken?: string): Promise<RacetimeCategory> {
    const path = botToken ? `/o/${category}/data` : `/${category}/data`;
    const what = `category ${category}`;
    const res = await this.send({ method: 'GET', path, what, token: botToken });
    return parseCategory(this.expectJson(res, 200, what), what);
  }

  /** One race by `{category}/{slug}` (unlisted races included, §3.4). */
  async raceData(name: string): Promise<RacetimeRace> {
    const what = `race ${name}`;
    const res = await this.send({ method: 'GET', path: `/${name}/data`, what });
    return parseRace(this.expectJson(res, 200, what), what);
  }

  /**
   * Opens a race room (`POST /o/{category}/startrace`, §4.1) with every setting sent explicitly.
   * A `timeout` or `network` error here is `uncertain`: the room may exist; look for it in
   * `categoryData(category, token)` before opening another.
   */
  async startRace(category: string, token: string, settings: RaceSettings): Promise<OpenedRoom> {
    const what = `startrace in ${category}`;
    const form = raceSettingsForm(settings, 'startrace');
    const res = await this.send({ method: 'POST', path: `/o/${category}/startrace`, what, token, form });
    this.expectStatus(res, 201, what);
    const match = /^\/([^/]+)\/([^/]+)$/.exec(res.location ?? '');
    if (!match?.[1] || !match[2])
      throw new RacetimeError('bad_response', `${what} answered 201 without a usable Location header`, {
        status: 201,
        uncertain: true,
      });
    return { category: match[1], slug: match[2], name: `${match[1]}/${match[2]}` };
  }

  /** Edits a room (`POST /o/{category}/{slug}/edit`, §4.2); every setting is resent because omitted ones reset. */
  async editRace(name: string, token: string, settings: RaceSettings): Promise<void> {
    const what = `edit of ${name}`;
    const form = raceSettingsForm(settings, 'edit');
    const res = await this.send({ method: 'POST', path: `/o/${name}/edit`, what, token, form });
    this.expectStatus(res, 200, what);
  }

  private async send(call: Call): Promise<{ status: number; text: string; location: string | null }> {
    const controller = new AbortController();
    const timer = this.clock.setTimeout(() => controller.abort(), this.timeoutMs);
    const headers: Record<string, string> = {};
    if (call.token) headers.Authorization = `Bearer ${call.token}`;
    try {
      const res = await this.fetch(`${this.baseUrl}${call.path}`, {
        method: call.method,
        headers,
        body: call.form,
        signal: controller.signal,
        redirect: 'manual',
      });
      const text = await res.text();
      return { status: res.status, text, location: res.headers.get('location') };
    } catch (cause) {
      const write = call.method === 'POST';
      if (controller.signal.aborted)
        throw new RacetimeError(
          'timeout',
          `racetime.gg did not answer ${call.what} within ${this.timeoutMs} ms`,
          {
            uncertain: write,
            cause,
          },
        );
      throw new RacetimeError('network', `Could not reach racetime.gg for ${call.what}`, {
        uncertain: write,
        cause,
      });
    } finally {
      this.clock.clearTimeout(timer);
    }
  }

  private expectJson(res: { status: number; text: string }, status: number, what: string): unknown {
    this.expectStatus(res, status, what);
    return parseJson(res.text, what);
  }

  private expectStatus(res: { status: number; text: string }, status: number, what: string): void {
    if (res.status === status) return;
    const s = res.status;
    if (s === 403)
      throw new RacetimeError('forbidden', `racetime.gg refused ${what} (403): reauthorize`, { status: s });
    if (s === 404)
      throw new RacetimeError('not_found', `racetime.gg does not know ${what} (404)`, { status: s });
    if (s === 422) {
      const formErrors = readFormErrors(res.text);
      throw new RacetimeError('rejected', `racetime.gg rejected ${what}: ${describe(formErrors)}`, {
        status: s,
        formErrors,
      });
    }
    if (s >= 500) throw new RacetimeError('server', `racetime.gg failed ${what} (${s})`, { status: s });
    throw new RacetimeError(s >= 400 ? 'rejected' : 'bad_response', `racetime.gg answered ${s} to ${what}`, {
      status: s,
    });
  }
}

/** `{"errors": {field: [messages]}}` of a 422; kept as sent, empty when unreadable. */
function readFormErrors(text: string): RacetimeFormErrors {
  try {
    const errors = JsonReader.parse(text, 'form errors').object('errors');
    return Object.fromEntries(errors.keys().map((field) => [field, errors.strings(field)]));
  } catch {
    return { __all__: [text.slice(0, 500)] };
  }
}

const describe = (errors: RacetimeFormErrors): string =>
  Object.entries(errors)
    .map(([field, messages]) =>
      field === '__all__' ? messages.join(' ') : `${field}: ${messages.join(' ')}`,
    )
    .join('; ');

function safeOAuthError(text: string): string {
  try {
    return JsonReader.parse(text, 'token error').optionalString('error') ?? 'unknown error';
  } catch {
    return 'unknown error';
  }
}
