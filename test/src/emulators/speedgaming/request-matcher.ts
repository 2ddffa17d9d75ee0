import { endpointOf } from './routes.js';

/**
 * Which requests a fault or a log query is about: a path (`/api/schedule` also matches
 * `/api/schedule/`), or a RegExp tested against path plus query string.
 */
export type RequestMatcher = string | RegExp;

/** Whether a request URL is covered by `matcher` (no matcher = every request). */
export function matchesRequest(matcher: RequestMatcher | undefined, url: URL): boolean {
  if (matcher === undefined) return true;
  if (typeof matcher === 'string') return endpointOf(url.pathname) === endpointOf(matcher);
  matcher.lastIndex = 0;
  return matcher.test(url.pathname + url.search);
}
