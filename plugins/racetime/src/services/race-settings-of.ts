import type { RaceSettings } from '../clients/race-form.js';
import type {
  MatchSettingsValue,
  RoomProfileValue,
  TournamentSettingsValue,
} from '../schemas/tournament-settings.js';
import type { MatchFacts } from './match-reader.js';

/** Manual overrides of `POST .../matches/:id/room`. */
export interface ManualOverrides {
  goal?: string;
  invitational?: boolean;
}

/**
 * The full `startrace` form of a match's room: the tournament's room profile, the goal (manual override,
 * match override, tournament default, profile) as a category goal when racetime.gg knows the name and a
 * custom goal otherwise, and the marker in `info_bot`.
 */
export function raceSettingsOf(input: {
  match: MatchFacts;
  settings: TournamentSettingsValue;
  overrides: MatchSettingsValue;
  manual: ManualOverrides;
  categoryGoals: string[];
  marker: string;
}): { race: RaceSettings; goalText: string } {
  const { match, settings, overrides, manual } = input;
  const profile: RoomProfileValue = settings.roomProfile;
  const named = manual.goal ?? overrides.goal ?? settings.defaultGoal ?? profile.goal;
  const goalText = named ?? profile.customGoal ?? 'Beat the game';
  const isCategoryGoal = named !== null && input.categoryGoals.includes(goalText);
  return {
    goalText,
    race: {
      goal: isCategoryGoal ? { name: goalText } : { custom: goalText },
      invitational: manual.invitational ?? overrides.invitational ?? profile.invitational,
      unlisted: profile.unlisted,
      ranked: true,
      infoUser: profile.info ?? `${match.tournamentName} - ${match.title ?? `Match #${match.id}`}`,
      infoBot: input.marker,
      teamRace: profile.teamRace,
      requireEvenTeams: profile.requireEvenTeams,
      startDelaySeconds: profile.startDelaySeconds,
      timeLimitHours: profile.timeLimitHours,
      timeLimitAutoComplete: false,
      streamingRequired: profile.streamingRequired,
      autoStart: profile.autoStart,
      allowComments: profile.allowComments,
      hideComments: profile.hideComments,
      allowPreraceChat: profile.allowPreraceChat,
      allowMidraceChat: profile.allowMidraceChat,
      allowNonEntrantChat: profile.allowNonEntrantChat,
      chatMessageDelaySeconds: profile.chatMessageDelaySeconds,
    },
  };
}
