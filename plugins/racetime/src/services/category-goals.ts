import type { Clock } from '@racedesk/core';
import type { RacetimeCategory } from '../clients/race-data.js';

// racetime.gg itself serves category data from a cache of up to 60 s: a fresher copy says nothing more.
const TTL_MS = 60_000;

/**
 * The goals of each category, kept for a minute. Opening a room needs only the goals, but the category
 * data also lists every current race: fetched per room, a wave of 500 rooms downloads and parses the
 * growing list 500 times. Concurrent openings share one request; a failed fetch is not kept.
 */
export class CategoryGoals {
  private readonly entries = new Map<string, { at: number; goals: Promise<string[]> }>();

  constructor(private readonly clock: Clock) {}

  /** The category's goals, from `fetch` when there is no copy younger than a minute. */
  goals(category: string, fetch: () => Promise<RacetimeCategory>): Promise<string[]> {
    const now = this.clock.now().getTime();
    const entry = this.entries.get(category);
    if (entry && now - entry.at < TTL_MS) return entry.goals;
    const goals = fetch().then((data) => data.goals);
    this.entries.set(category, { at: now, goals });
    goals.catch(() => {
      if (this.entries.get(category)?.goals === goals) this.entries.delete(category);
    });
    return goals;
  }
}
