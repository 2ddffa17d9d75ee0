import type { Person } from '@racedesk/testkit';
import { api } from '@racedesk/testkit';
import type { DiscordTestApp } from './discord-app.js';

/** A match as the API returns it (the fields tests read). */
export interface MatchJson {
  id: number;
  tournamentId: number;
  scheduledAt: string;
  state: string;
}

/** Creates a tournament through the API; returns its id. */
export async function createTournament(
  env: DiscordTestApp,
  slug: string,
  by: Person,
  name = 'Spring League',
): Promise<number> {
  const tournament = await api<{ id: number }>(env.app, by, 'POST', `/api/v1/orgs/${slug}/tournaments`, {
    slug: name.toLowerCase().replace(/\W+/g, '-'),
    name,
  });
  return tournament.id;
}

/** Schedules a match through the API. */
export function createMatch(
  env: DiscordTestApp,
  slug: string,
  by: Person,
  body: {
    tournamentId: number;
    scheduledAt: string;
    players: number[];
    title?: string;
    streamChannelId?: number;
  },
): Promise<MatchJson> {
  return api<MatchJson>(env.app, by, 'POST', `/api/v1/orgs/${slug}/matches`, body);
}
