import { addDays, startOfDay, startOfWeek } from '../../components/date-time-input';

/** The windows the schedule offers, in the viewer's time zone. */
export const RANGES = [
  { value: 'today', label: 'Today' },
  { value: 'week', label: 'This week' },
  { value: 'upcoming', label: 'Upcoming' },
  { value: 'all', label: 'All' },
] as const;
export type Range = (typeof RANGES)[number]['value'];

/** The match list query of a window (`from`/`to` as UTC instants of the viewer's local midnights). */
export function rangeQuery(range: Range, now = new Date()): Record<string, string | undefined> {
  if (range === 'today') {
    const from = startOfDay(now);
    return { from: from.toISOString(), to: addDays(from, 1).toISOString() };
  }
  if (range === 'week') {
    const from = startOfWeek(now);
    return { from: from.toISOString(), to: addDays(from, 7).toISOString() };
  }
  if (range === 'upcoming') return { upcoming: 'true' };
  return {};
}

/** A day heading key in the viewer's zone ("2030-01-07"). */
export const dayKey = (iso: string) => startOfDay(new Date(iso)).toDateString();
