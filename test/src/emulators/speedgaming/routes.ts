import { querySchedule, type ScheduleWindowOptions } from './schedule-query.js';
import type { SpeedGamingStore } from './store.js';

/** A response before it is written: the server and the fault layer both work on this. */
export interface SgResponse {
  status: number;
  body: string;
  /** Set for redirects. */
  location?: string;
}

/** Per-emulator routing choices for behaviour the reference leaves open. */
export interface RouteOptions extends ScheduleWindowOptions {
  /**
   * Paths without the trailing slash: `serve` answers them directly (default); `redirect` answers
   * 301 to the slash form with the query kept, which breaks clients that do not follow redirects.
   */
  slashless: 'serve' | 'redirect';
  /** Unknown episode id: `error` = 200 `{"error"}` (live behaviour); `404` = HTTP 404 (seen handled by clients). */
  episodeNotFound: 'error' | '404';
}

/** The endpoints the emulator knows, without trailing slash. */
export const SG_PATHS = ['/api/schedule', '/api/episode', '/api/event'] as const;
/** One of the emulated endpoints. */
export type SgPath = (typeof SG_PATHS)[number];

const json = (value: unknown): SgResponse => ({ status: 200, body: JSON.stringify(value) });
const htmlStatus = (status: number, text: string): SgResponse => ({
  status,
  body: `<!DOCTYPE html>\n<html><head><title>${status} ${text}</title></head><body><h1>${text}</h1></body></html>\n`,
});

/** Strips one trailing slash so `/api/schedule/` and `/api/schedule` name the same endpoint. */
export function endpointOf(pathname: string): string {
  return pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
}

/** Routes one request against the store. */
export function route(
  store: SpeedGamingStore,
  method: string,
  url: URL,
  now: Date,
  options: RouteOptions,
): SgResponse {
  const endpoint = endpointOf(url.pathname);
  if (!(SG_PATHS as readonly string[]).includes(endpoint)) return htmlStatus(404, 'Not Found');
  if (method !== 'GET' && method !== 'HEAD') return htmlStatus(405, 'Method Not Allowed');
  if (options.slashless === 'redirect' && !url.pathname.endsWith('/')) {
    return { ...htmlStatus(301, 'Moved Permanently'), location: `${endpoint}/${url.search}` };
  }
  const params = url.searchParams;
  switch (endpoint as SgPath) {
    case '/api/schedule':
      return json(querySchedule(store, params, now, options));
    case '/api/episode': {
      const raw = params.get('id') ?? '';
      const episode = /^\d+$/.test(raw) ? store.getEpisode(Number(raw)) : undefined;
      if (episode) return json(episode);
      if (options.episodeNotFound === '404') return htmlStatus(404, 'Not Found');
      return json({ error: `Failed to find episode with id ${raw || 0}.` });
    }
    case '/api/event': {
      const slug = params.get('slug');
      const events = store.listEvents();
      return json(slug ? events.filter((e) => e.slug === slug) : events);
    }
  }
}
