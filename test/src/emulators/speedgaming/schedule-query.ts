import { parseIsoInstant } from './sg-time.js';
import { instant, type SpeedGamingStore } from './store.js';
import type { SgEpisode, SgErrorBody } from './types.js';

/** How `/api/schedule` picks episodes; the live rules are undocumented, so these are the emulator's. */
export interface ScheduleWindowOptions {
  /**
   * Length of the window when `to` is missing. The live default is "some very short interval (less
   * than 1 week)" (midos.house); 24 h makes a client that forgets `to` visibly miss episodes.
   */
  defaultWindowMs: number;
}

/** Text of the live error for an unknown event slug (reference §0.3). */
export const UNKNOWN_EVENT_ERROR = 'Failed to find event.';
/** Emulator's text for an unreadable `from`/`to` (the live text is unknown). */
export const INVALID_DATE_ERROR = 'Invalid date.';

/**
 * Answers `/api/schedule`: episodes of `event` (or of every active event when omitted) whose `when`
 * lies in `[from, to]`, inclusive, sorted by `when` then id. `from` defaults to now; `timezone` and
 * `type` are ignored like on the live server.
 */
export function querySchedule(
  store: SpeedGamingStore,
  params: URLSearchParams,
  now: Date,
  options: ScheduleWindowOptions,
): SgEpisode[] | SgErrorBody {
  const slug = params.get('event') || undefined;
  if (slug !== undefined && !store.liveEvent(slug)) return { error: UNKNOWN_EVENT_ERROR };

  const fromText = params.get('from');
  const toText = params.get('to');
  const from = fromText ? parseIsoInstant(fromText) : now;
  if (!from) return { error: INVALID_DATE_ERROR };
  const to = toText ? parseIsoInstant(toText) : new Date(from.getTime() + options.defaultWindowMs);
  if (!to) return { error: INVALID_DATE_ERROR };

  const lo = from.getTime();
  const hi = to.getTime();
  const picked: { at: number; episode: SgEpisode }[] = [];
  for (const episode of store.liveEpisodes()) {
    if (slug === undefined ? !episode.event.active : episode.event.slug !== slug) continue;
    const at = instant(episode.when);
    if (at >= lo && at <= hi) picked.push({ at, episode });
  }
  picked.sort((a, b) => a.at - b.at || a.episode.id - b.episode.id);
  return picked.map((p) => p.episode);
}
