import type { RacedeskConfig } from '@racedesk/core';
import { parseEpisode, readableEpisodeId } from './episode-parser.js';
import type { ParsedEpisode } from './parsed-episode.js';
import { getText, type HttpSettings, type RetryPolicy, realSleep } from './retrying-fetch.js';
import { readSgBody, saysEpisodeNotFound, saysEventNotFound, scheduleItems } from './sg-body.js';
import {
  SpeedGamingEpisodeGoneError,
  SpeedGamingEventNotFoundError,
  SpeedGamingMalformedError,
  SpeedGamingUnavailableError,
} from './speedgaming-errors.js';
import { formatSgBound } from './speedgaming-time.js';

/** Options of {@link createSpeedGamingClient}. */
export interface SpeedGamingClientOptions {
  /** `config.services.speedgamingUrl` (RACEDESK_SPEEDGAMING_URL), e.g. `https://speedgaming.org`. */
  baseUrl: string;
  /** Per-request limit in ms (default 15,000). */
  timeoutMs?: number;
  /** Retries inside one call (default 3 attempts, 1 s doubling to at most 8 s, jittered). */
  retry?: Partial<RetryPolicy>;
  /** Wait between retries; tests pass one that resolves at once. */
  sleep?: HttpSettings['sleep'];
  /** Jitter source in [0, 1) (default `Math.random`). */
  random?: () => number;
}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call (and its retries), e.g. on shutdown; the call then fails as `unavailable`. */
  signal?: AbortSignal;
}

/** An episode of a schedule answer that could not be used, and why (names the bad field). */
export interface RejectedEpisode {
  episodeId?: number;
  reason: string;
}

/** A schedule answer: the usable episodes sorted by airtime, plus the rejected ones. */
export interface ScheduleResult {
  episodes: ParsedEpisode[];
  rejected: RejectedEpisode[];
}

/** The SpeedGaming schedule API (reference §1). */
export interface SpeedGamingClient {
  /**
   * Episodes of `eventSlug` airing in `[from, to]`. One malformed episode is reported in `rejected`
   * and never hides the others. Throws `EventNotFound`, `Unavailable` or `Malformed` (whole answer).
   */
  schedule(eventSlug: string, from: Date, to: Date, options?: CallOptions): Promise<ScheduleResult>;
  /**
   * One episode. Throws `EpisodeGone` only when SG says it does not exist (its "Failed to find
   * episode" error or HTTP 404), `Unavailable` for anything that proves nothing, `Malformed`.
   * Confirm deletions only in a run whose `schedule` call succeeded, so a wrong base URL (404 for
   * everything) can never read as "every episode was deleted".
   */
  episode(id: number, options?: CallOptions): Promise<ParsedEpisode>;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 1000, maxDelayMs: 8000 };

/** Creates a client for the SpeedGaming instance at `options.baseUrl`. */
export function createSpeedGamingClient(options: SpeedGamingClientOptions): SpeedGamingClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const http: HttpSettings = {
    timeoutMs: options.timeoutMs ?? 15_000,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
  };
  // Trailing-slash paths: the slash-less form may redirect (reference §0.1).
  const endpoint = (path: string, query: Record<string, string>): URL => {
    const url = new URL(`${base}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  };

  return {
    async schedule(eventSlug, from, to, call = {}) {
      const slug = eventSlug.trim();
      // Without `event` SG answers every active event's episodes: never import those into one tournament.
      if (slug === '') throw new SpeedGamingEventNotFoundError(eventSlug, 'no event slug given');
      if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
        throw new RangeError(`Invalid schedule window ${String(from)} .. ${String(to)}`);
      }
      const url = endpoint('/api/schedule/', {
        event: slug,
        from: formatSgBound(from, 'down'),
        to: formatSgBound(to, 'up'),
      });
      const res = await getText(url, http, call.signal);
      if (res.status !== 200) throw unexpectedStatus(url, res.status, res.attempts);
      const body = readSgBody(res.text, 'schedule');
      if (body.kind === 'error') {
        if (saysEventNotFound(body.message)) throw new SpeedGamingEventNotFoundError(slug, body.message);
        throw sgError(url, body.message, res.attempts);
      }
      return splitSchedule(scheduleItems(body.value), slug);
    },

    async episode(id, call = {}) {
      if (!Number.isSafeInteger(id) || id <= 0) throw new RangeError(`Invalid SpeedGaming episode id ${id}`);
      const url = endpoint('/api/episode/', { id: String(id) });
      const res = await getText(url, http, call.signal);
      // SahaBot2 reads 404 as "not found" (reference §1.2); other statuses prove nothing.
      if (res.status === 404) throw new SpeedGamingEpisodeGoneError(id, 'HTTP 404');
      if (res.status !== 200) throw unexpectedStatus(url, res.status, res.attempts);
      const body = readSgBody(res.text, 'episode');
      if (body.kind === 'error') {
        if (saysEpisodeNotFound(body.message)) throw new SpeedGamingEpisodeGoneError(id, body.message);
        throw sgError(url, body.message, res.attempts);
      }
      const episode = parseEpisode(body.value);
      if (episode.id !== id) {
        throw new SpeedGamingMalformedError('episode.id', `is ${episode.id}, not the requested ${id}`);
      }
      return episode;
    },
  };
}

/** A client for the instance's configured SpeedGaming (`RACEDESK_SPEEDGAMING_URL`). */
export function speedGamingClientFor(
  config: Pick<RacedeskConfig, 'services'>,
  options: Omit<SpeedGamingClientOptions, 'baseUrl'> = {},
): SpeedGamingClient {
  return createSpeedGamingClient({ ...options, baseUrl: config.services.speedgamingUrl });
}

function splitSchedule(items: unknown[], slug: string): ScheduleResult {
  const episodes: ParsedEpisode[] = [];
  const rejected: RejectedEpisode[] = [];
  const seen = new Set<number>();
  items.forEach((item, index) => {
    const episodeId = readableEpisodeId(item);
    const reject = (reason: string) =>
      rejected.push(episodeId === undefined ? { reason } : { episodeId, reason });
    try {
      const episode = parseEpisode(item, `schedule[${index}]`);
      // If SG ever ignored `event`, another event's episodes must not land in this tournament.
      if (episode.event.slug.toLowerCase() !== slug.toLowerCase()) {
        reject(`belongs to event "${episode.event.slug}", not "${slug}"`);
      } else if (seen.has(episode.id)) {
        reject('appears twice in the schedule');
      } else {
        seen.add(episode.id);
        episodes.push(episode);
      }
    } catch (error) {
      if (!(error instanceof SpeedGamingMalformedError)) throw error;
      reject(`${error.field} ${error.problem}`);
    }
  });
  // The array's order is not documented (reference §1.1).
  episodes.sort((a, b) => a.when.getTime() - b.when.getTime() || a.id - b.id);
  return { episodes, rejected };
}

function unexpectedStatus(url: URL, status: number, attempts: number): SpeedGamingUnavailableError {
  return new SpeedGamingUnavailableError(
    'http_status',
    `SpeedGaming ${url.pathname} answered HTTP ${status}`,
    status,
    attempts,
  );
}

function sgError(url: URL, message: string, attempts: number): SpeedGamingUnavailableError {
  return new SpeedGamingUnavailableError(
    'sg_error',
    `SpeedGaming ${url.pathname} reported an error: ${message}`,
    200,
    attempts,
  );
}
