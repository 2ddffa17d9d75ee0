import { CrewApproved, CrewRemoved, CrewSignedUp } from '../crew/crew-events.js';
import type { Database } from '../db/connect.js';
import type { DispatchedEvent, EventDefinition } from '../events/define-event.js';
import { MatchCancelled, MatchCreated, MatchFinished, MatchRescheduled } from '../matches/match-events.js';

/** Finds the people an event concerns. */
export interface RecipientLookup {
  /** Players of a match. */
  matchPlayers(matchId: number): Promise<number[]>;
  /** Crew of a match (approved only, unless `pending` too). */
  matchCrew(matchId: number, options?: { pending?: boolean }): Promise<number[]>;
  /** Members of an org with at least `role` (e.g. moderators, "organizers"). */
  organizers(orgId: number, least?: 'owner' | 'admin' | 'moderator'): Promise<number[]>;
}

/** A kind of notification: an event, who receives it, and whether people get it unless they opt out. */
export interface NotificationType<E extends EventDefinition = EventDefinition> {
  event: E;
  description: string;
  /** Default when a user has not chosen (default true); every user can opt out per channel. */
  defaultOn?: boolean;
  recipients(event: DispatchedEvent<E>, lookup: RecipientLookup): Promise<number[]>;
}

/** Declares a notification type; exists for typing. */
export function defineNotification<E extends EventDefinition>(
  type: NotificationType<E>,
): NotificationType<E> {
  return type;
}

/** The recipient helpers, on the database. */
export function recipientLookup(db: Database): RecipientLookup {
  const ids = (rows: Array<{ user_id: number }>) => [...new Set(rows.map((r) => r.user_id))];
  return {
    matchPlayers: async (matchId) =>
      ids(await db('match_players').where({ match_id: matchId }).orderBy('seat').select('user_id')),
    matchCrew: async (matchId, options) => {
      const q = db('match_crew').where({ match_id: matchId }).whereNull('removed_at');
      if (!options?.pending) q.where({ approved: true });
      return ids(await q.select('user_id'));
    },
    organizers: async (orgId, least = 'moderator') => {
      const roles = ['owner', 'admin', 'moderator'].slice(
        0,
        ['owner', 'admin', 'moderator'].indexOf(least) + 1,
      );
      return ids(await db('org_members').where({ org_id: orgId }).whereIn('role', roles).select('user_id'));
    },
  };
}

const playersAndCrew = async (matchId: number, lookup: RecipientLookup) => [
  ...(await lookup.matchPlayers(matchId)),
  ...(await lookup.matchCrew(matchId)),
];

/** The core's notification types. */
export const CORE_NOTIFICATIONS: NotificationType[] = [
  defineNotification({
    event: MatchCreated,
    description: 'You were scheduled in a match',
    recipients: async (e) => e.payload.match.playerIds,
  }),
  defineNotification({
    event: MatchRescheduled,
    description: 'A match you play or crew moved',
    recipients: (e, lookup) => playersAndCrew(e.payload.match.id, lookup),
  }),
  defineNotification({
    event: MatchCancelled,
    description: 'A match you play or crew was cancelled',
    recipients: (e, lookup) => playersAndCrew(e.payload.match.id, lookup),
  }),
  defineNotification({
    event: MatchFinished,
    description: 'Results of your match were recorded',
    recipients: async (e) => e.payload.match.playerIds,
  }),
  defineNotification({
    event: CrewApproved,
    description: 'Your crew sign-up was approved',
    recipients: async (e) => [e.payload.crew.userId],
  }),
  defineNotification({
    event: CrewRemoved,
    description: 'You were removed from a match crew',
    recipients: async (e) => [e.payload.crew.userId],
  }),
  defineNotification({
    event: CrewSignedUp,
    description: 'Someone signed up as crew (organizers)',
    defaultOn: false,
    recipients: async (e, lookup) => (e.orgId ? lookup.organizers(e.orgId) : []),
  }),
] as NotificationType[];
