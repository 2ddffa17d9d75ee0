import { notFound } from '@racedesk/core';
import type { Knex } from 'knex';
import {
  DEFAULT_ROOM_PROFILE,
  type MatchSettingsValue,
  type TournamentSettingsValue,
} from '../schemas/tournament-settings.js';

type Db = Knex | Knex.Transaction;

/** Tournament settings of a tournament without a row yet. */
export const DEFAULT_TOURNAMENT_SETTINGS: TournamentSettingsValue = {
  botId: null,
  autoCreateRooms: false,
  openMinutesBefore: 60,
  requireLinkedAccounts: false,
  defaultGoal: null,
  roomProfile: DEFAULT_ROOM_PROFILE,
};

/** A tournament's core row, checked to belong to the org. */
export async function requireTournament(
  db: Db,
  orgId: number,
  id: number,
): Promise<{ id: number; name: string }> {
  const row = await db('tournaments').where({ id, org_id: orgId }).first('id', 'name');
  if (!row) throw notFound('RD_TOURNAMENT_NOT_FOUND', `No tournament ${id}`);
  return { id: Number(row.id), name: row.name };
}

type SettingsRow = Record<string, unknown> & { bot_id: number | string | null; room_profile: object };

const tournamentValue = (row: SettingsRow | undefined): TournamentSettingsValue =>
  row
    ? {
        botId: row.bot_id === null ? null : Number(row.bot_id),
        autoCreateRooms: row.auto_create_rooms as boolean,
        openMinutesBefore: row.open_minutes_before as number,
        requireLinkedAccounts: row.require_linked_accounts as boolean,
        defaultGoal: row.default_goal as string | null,
        roomProfile: { ...DEFAULT_ROOM_PROFILE, ...row.room_profile },
      }
    : DEFAULT_TOURNAMENT_SETTINGS;

const matchValue = (row: Record<string, unknown> | undefined): MatchSettingsValue => ({
  goal: (row?.goal as string | null | undefined) ?? null,
  invitational: (row?.invitational as boolean | null | undefined) ?? null,
  autoCreate: (row?.auto_create as boolean | null | undefined) ?? null,
});

/** Reads and writes `racetime_tournament_settings` / `racetime_match_settings`. */
export const settingsRepository = {
  async tournament(db: Db, tournamentId: number): Promise<TournamentSettingsValue> {
    return tournamentValue(
      await db('racetime_tournament_settings').where({ tournament_id: tournamentId }).first(),
    );
  },

  /** A match's tournament settings and its own overrides in one round trip (room opening). */
  async forMatch(
    db: Db,
    tournamentId: number,
    matchId: number,
  ): Promise<{ settings: TournamentSettingsValue; overrides: MatchSettingsValue }> {
    const { rows } = await db.raw(
      `select (select to_jsonb(t) from racetime_tournament_settings t where t.tournament_id = ?) as t,
              (select to_jsonb(m) from racetime_match_settings m where m.match_id = ?) as m`,
      [tournamentId, matchId],
    );
    return {
      settings: tournamentValue(rows[0]?.t ?? undefined),
      overrides: matchValue(rows[0]?.m ?? undefined),
    };
  },

  async saveTournament(db: Db, orgId: number, tournamentId: number, s: TournamentSettingsValue, now: Date) {
    await db('racetime_tournament_settings')
      .insert({
        tournament_id: tournamentId,
        org_id: orgId,
        bot_id: s.botId,
        auto_create_rooms: s.autoCreateRooms,
        open_minutes_before: s.openMinutesBefore,
        require_linked_accounts: s.requireLinkedAccounts,
        default_goal: s.defaultGoal,
        room_profile: JSON.stringify(s.roomProfile),
        updated_at: now,
      })
      .onConflict('tournament_id')
      .merge();
  },

  async match(db: Db, matchId: number): Promise<MatchSettingsValue> {
    return matchValue(await db('racetime_match_settings').where({ match_id: matchId }).first());
  },

  async saveMatch(db: Db, matchId: number, s: MatchSettingsValue, now: Date) {
    await db('racetime_match_settings')
      .insert({
        match_id: matchId,
        goal: s.goal,
        invitational: s.invitational,
        auto_create: s.autoCreate,
        updated_at: now,
      })
      .onConflict('match_id')
      .merge();
  },
};
