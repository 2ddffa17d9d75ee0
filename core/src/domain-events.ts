import { CrewApproved, CrewRemoved, CrewSignedUp, CrewUnapproved } from './crew/crew-events.js';
import {
  MatchCancelled,
  MatchCreated,
  MatchFinished,
  MatchPlayersChanged,
  MatchRescheduled,
  MatchStateChanged,
  MatchUpdated,
} from './matches/match-events.js';
import { TournamentArchived, TournamentCreated, TournamentUpdated } from './tournaments/tournament-events.js';

/** Every `core.*` event of the tournament domain, declared by the core at boot. */
export const DOMAIN_EVENTS = [
  TournamentCreated,
  TournamentUpdated,
  TournamentArchived,
  MatchCreated,
  MatchUpdated,
  MatchRescheduled,
  MatchCancelled,
  MatchStateChanged,
  MatchPlayersChanged,
  MatchFinished,
  CrewSignedUp,
  CrewApproved,
  CrewUnapproved,
  CrewRemoved,
] as const;
