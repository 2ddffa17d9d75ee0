import type { Knex } from 'knex';
import type { MatchSettingsValue, TournamentSettingsValue } from '../schemas/tournament-settings.js';
import { accountLinks } from './account-links.js';
import { botRepository } from './bot-repository.js';
import type { MatchFacts } from './match-reader.js';

/** Why a room was not opened (seed 000's validation checks), as organizers read it. */
export type SkipReason =
  | 'match_cancelled'
  | 'tournament_auto_create_off'
  | 'match_auto_create_off'
  | 'bot_missing'
  | 'bot_not_assigned'
  | 'bot_inactive'
  | 'bot_not_connected'
  | 'outside_window'
  | 'room_exists'
  | 'players_unlinked'
  | 'startrace_failed'
  | 'racetime_unavailable';

/** A failed check. */
export interface FailedCheck {
  reason: SkipReason;
  detail: string;
}

/** Checks that do not depend on the time (and can run 24 h / 2 h early): bot and player links. */
export async function earlyChecks(
  db: Knex,
  match: MatchFacts,
  settings: TournamentSettingsValue,
): Promise<FailedCheck | null> {
  if (match.cancelled) return { reason: 'match_cancelled', detail: 'The match is cancelled' };
  if (settings.botId === null) return { reason: 'bot_missing', detail: 'The tournament has no racetime bot' };
  const found = await botRepository.forOrg(db, settings.botId, match.orgId);
  if (!found) return { reason: 'bot_missing', detail: 'The tournament’s racetime bot was deleted' };
  const { bot, assigned } = found;
  if (!assigned)
    return {
      reason: 'bot_not_assigned',
      detail: `Bot ${bot.name} is no longer assigned to this organization`,
    };
  if (!bot.active) return { reason: 'bot_inactive', detail: `Bot ${bot.name} is deactivated` };
  if (settings.requireLinkedAccounts) {
    const links = await accountLinks.forUsers(db, match.playerIds);
    const unlinked = match.playerIds.filter((id) => !links.has(id));
    if (unlinked.length)
      return {
        reason: 'players_unlinked',
        detail: `Players without a linked racetime account: user ${unlinked.join(', user ')}`,
      };
  }
  return null;
}

/** Automatic opening: the switches and the time window come first, then the early checks. */
export async function automaticChecks(
  db: Knex,
  match: MatchFacts,
  settings: TournamentSettingsValue,
  overrides: MatchSettingsValue,
  now: Date,
): Promise<FailedCheck | null> {
  if (match.cancelled) return { reason: 'match_cancelled', detail: 'The match is cancelled' };
  if (!settings.autoCreateRooms)
    return { reason: 'tournament_auto_create_off', detail: 'Automatic rooms are off for this tournament' };
  if (overrides.autoCreate === false)
    return { reason: 'match_auto_create_off', detail: 'Automatic room is off for this match' };
  const minutesLeft = (match.scheduledAt.getTime() - now.getTime()) / 60_000;
  if (minutesLeft <= 0 || match.startedOrDone)
    return { reason: 'outside_window', detail: 'The match has already started' };
  if (minutesLeft > settings.openMinutesBefore)
    return {
      reason: 'outside_window',
      detail: `The room opens ${settings.openMinutesBefore} minutes before the match`,
    };
  return earlyChecks(db, match, settings);
}
