import type { Knex } from 'knex';

/** A `racetime_match_rooms` row (the fields used). */
export interface RoomRow {
  id: number;
  match_id: number;
  org_id: number;
  tournament_id: number;
  bot_id: number | null;
  status: string;
  category: string | null;
  slug: string | null;
  marker: string | null;
  attempt: number;
  claimed_at: Date | null;
  open_at: Date | null;
  skip_reason: string | null;
  skip_detail: string | null;
  invited: Array<{ userId: number; racetimeId: string }>;
  not_invited: Array<{ userId: number; reason: string }>;
  failures: number;
  retry_at: Date | null;
  lease_holder: string | null;
  last_race: unknown;
  results_recorded_at: Date | null;
}

/** Statuses from which a new room may be opened for the match. */
export const REOPENABLE = ['pending', 'skipped', 'failed', 'cancelled'];
// An `opening` claim older than this belongs to a crashed or stuck opener: look for its room, then retry.
export const STALE_CLAIM_MS = 2 * 60_000;

/** The marker written into `info_bot`: finds the room again after an uncertain `startrace`. */
export const markerOf = (matchId: number, attempt: number) => `[rd:m${matchId}.${attempt}]`;

const normalize = (row: RoomRow): RoomRow => ({
  ...row,
  id: Number(row.id),
  match_id: Number(row.match_id),
  org_id: Number(row.org_id),
  tournament_id: Number(row.tournament_id),
  bot_id: row.bot_id === null ? null : Number(row.bot_id),
});

/** Reads and claims match rooms. */
export const roomRepository = {
  normalize,

  async byMatch(db: Knex | Knex.Transaction, matchId: number): Promise<RoomRow | undefined> {
    const row = await db<RoomRow>('racetime_match_rooms').where({ match_id: matchId }).first();
    return row ? normalize(row) : undefined;
  },

  /**
   * Makes sure the match has a row and records when its room is due. A room that was skipped or failed
   * is pending again: the plan changed, the checks run again at the new time.
   */
  async plan(
    db: Knex,
    m: { matchId: number; orgId: number; tournamentId: number; openAt: Date | null },
    now: Date,
  ) {
    await db.raw(
      `insert into racetime_match_rooms as r (match_id, org_id, tournament_id, open_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?)
       on conflict (match_id) do update set
         open_at = coalesce(excluded.open_at, r.open_at), tournament_id = excluded.tournament_id, updated_at = excluded.updated_at,
         status = case when r.status in ('skipped', 'failed') then 'pending' else r.status end,
         skip_reason = case when r.status in ('skipped', 'failed') then null else r.skip_reason end,
         skip_detail = case when r.status in ('skipped', 'failed') then null else r.skip_detail end,
         failures = case when r.status in ('skipped', 'failed') then 0 else r.failures end,
         retry_at = case when r.status in ('skipped', 'failed') then null else r.retry_at end`,
      [m.matchId, m.orgId, m.tournamentId, m.openAt, now, now],
    );
  },

  /**
   * Claims the match for opening, atomically: only one caller (of any instance) gets the row back.
   * `previousMarker` is set when a stale claim was taken over: its room may exist already.
   */
  async claim(
    db: Knex,
    m: { matchId: number; orgId: number; tournamentId: number; botId: number; instanceId: string },
    now: Date,
  ): Promise<{ room: RoomRow; previousMarker: string | null } | null> {
    const stale = new Date(now.getTime() - STALE_CLAIM_MS);
    // `previous` sees the row as it was before this statement (one snapshot for the whole statement).
    const result = await db.raw(
      `with previous as (select status, marker from racetime_match_rooms where match_id = ?)
       insert into racetime_match_rooms as r (match_id, org_id, tournament_id, bot_id, status, attempt, marker, claimed_by, claimed_at, created_at, updated_at)
       values (?, ?, ?, ?, 'opening', 1, ?, ?, ?, ?, ?)
       on conflict (match_id) do update set
         status = 'opening', bot_id = excluded.bot_id, claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,
         updated_at = excluded.updated_at,
         attempt = case when r.status = 'opening' then r.attempt else r.attempt + 1 end,
         marker = case when r.status = 'opening' then r.marker else '[rd:m' || r.match_id || '.' || (r.attempt + 1) || ']' end,
         skip_reason = null, skip_detail = null, skipped_at = null, retry_at = null
       where r.status in ('pending', 'skipped', 'failed', 'cancelled') or (r.status = 'opening' and r.claimed_at < ?)
       returning r.*, (select status from previous) as previous_status, (select marker from previous) as previous_marker`,
      [
        m.matchId,
        m.matchId,
        m.orgId,
        m.tournamentId,
        m.botId,
        markerOf(m.matchId, 1),
        m.instanceId,
        now,
        now,
        now,
        stale,
      ],
    );
    const found = result.rows[0] as
      | (RoomRow & { previous_status: string | null; previous_marker: string | null })
      | undefined;
    if (!found) return null;
    const { previous_status, previous_marker, ...row } = found;
    return { room: normalize(row), previousMarker: previous_status === 'opening' ? previous_marker : null };
  },
};
