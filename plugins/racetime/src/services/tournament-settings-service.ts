import { type Actor, unprocessable } from '@racedesk/core';
import type {
  MatchSettingsValue,
  TournamentSettingsChange,
  TournamentSettingsValue,
} from '../schemas/tournament-settings.js';
import { botRepository } from './bot-repository.js';
import type { RacetimeContext } from './runtime.js';
import { requireTournament, settingsRepository } from './settings-repository.js';

/** Called after settings change, so room jobs move with them. */
export type SettingsChanged = (scope: { tournamentId: number } | { matchId: number }) => Promise<void>;

/** Org admins' racetime settings of tournaments and overrides of matches. */
export function tournamentSettingsService(ctx: RacetimeContext, changed: SettingsChanged) {
  const { db, clock } = ctx;

  return {
    async get(orgId: number, tournamentId: number): Promise<TournamentSettingsValue> {
      await requireTournament(db, orgId, tournamentId);
      return settingsRepository.tournament(db, tournamentId);
    },

    async put(orgId: number, tournamentId: number, change: TournamentSettingsChange, actor: Actor) {
      const saved = await db.transaction(async (trx) => {
        await requireTournament(trx, orgId, tournamentId);
        const current = await settingsRepository.tournament(trx, tournamentId);
        const next: TournamentSettingsValue = {
          botId: change.botId === undefined ? current.botId : change.botId,
          autoCreateRooms: change.autoCreateRooms ?? current.autoCreateRooms,
          openMinutesBefore: change.openMinutesBefore ?? current.openMinutesBefore,
          requireLinkedAccounts: change.requireLinkedAccounts ?? current.requireLinkedAccounts,
          defaultGoal: change.defaultGoal === undefined ? current.defaultGoal : change.defaultGoal,
          roomProfile: { ...current.roomProfile, ...change.roomProfile },
        };
        if (next.botId !== null && !(await botRepository.isAssigned(trx, next.botId, orgId)))
          throw unprocessable(
            'RD_RACETIME_BOT_NOT_ASSIGNED',
            `racetime bot ${next.botId} is not assigned to this organization`,
          );
        await settingsRepository.saveTournament(trx, orgId, tournamentId, next, clock.now());
        await ctx.audit.record(
          {
            orgId,
            actor,
            action: 'racetime.tournament_settings.update',
            target: { type: 'tournament', id: tournamentId },
          },
          trx,
        );
        return next;
      });
      await changed({ tournamentId });
      return saved;
    },

    async getMatch(orgId: number, matchId: number): Promise<MatchSettingsValue> {
      await requireMatch(orgId, matchId);
      return settingsRepository.match(db, matchId);
    },

    async putMatch(orgId: number, matchId: number, change: Partial<MatchSettingsValue>, actor: Actor) {
      await requireMatch(orgId, matchId);
      const current = await settingsRepository.match(db, matchId);
      const next: MatchSettingsValue = {
        goal: change.goal === undefined ? current.goal : change.goal,
        invitational: change.invitational === undefined ? current.invitational : change.invitational,
        autoCreate: change.autoCreate === undefined ? current.autoCreate : change.autoCreate,
      };
      await db.transaction(async (trx) => {
        await settingsRepository.saveMatch(trx, matchId, next, clock.now());
        await ctx.audit.record(
          { orgId, actor, action: 'racetime.match_settings.update', target: { type: 'match', id: matchId } },
          trx,
        );
      });
      await changed({ matchId });
      return next;
    },
  };

  async function requireMatch(orgId: number, matchId: number) {
    const [found] = await ctx.domain.matches.idsInOrg(orgId, [matchId]);
    if (found === undefined) throw unprocessable('RD_MATCH_NOT_FOUND', `No match ${matchId}`);
  }
}
