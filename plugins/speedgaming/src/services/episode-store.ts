import type { Database } from '@racedesk/core';
import type { Knex } from 'knex';
import type { StoredImport } from './import-snapshot.js';

type Executor = Database | Knex.Transaction;

/** A row of `speedgaming_episode_matches`. */
export interface EpisodeMatch {
  id: number;
  tournamentId: number;
  episodeId: number;
  eventSlug: string;
  matchId: number | null;
  snapshotHash: string;
  snapshot: StoredImport | null;
  scheduledAt: Date;
}

interface Row {
  id: string;
  tournament_id: string;
  episode_id: string;
  event_slug: string;
  match_id: string | null;
  snapshot_hash: string;
  snapshot: StoredImport | Record<string, never>;
  scheduled_at: Date;
}

const fromRow = (r: Row): EpisodeMatch => ({
  id: Number(r.id),
  tournamentId: Number(r.tournament_id),
  episodeId: Number(r.episode_id),
  eventSlug: r.event_slug,
  matchId: r.match_id === null ? null : Number(r.match_id),
  snapshotHash: r.snapshot_hash,
  snapshot: 'externalId' in r.snapshot ? (r.snapshot as StoredImport) : null,
  scheduledAt: r.scheduled_at,
});

/** `speedgaming_episode_matches`: which match each episode became, and what was imported last. */
export const episodeStore = {
  /** Hashes (and open problems) of the org's imported episodes among `episodeIds`, one query per 5,000. */
  async hashes(
    db: Executor,
    orgId: number,
    episodeIds: number[],
  ): Promise<Map<number, { hash: string; tournamentId: number; problem: string | null }>> {
    const map = new Map<number, { hash: string; tournamentId: number; problem: string | null }>();
    for (let i = 0; i < episodeIds.length; i += 5000) {
      const rows = await db('speedgaming_episode_matches')
        .where({ org_id: orgId })
        .whereIn('episode_id', episodeIds.slice(i, i + 5000))
        .select('episode_id', 'snapshot_hash', 'tournament_id', 'problem');
      for (const r of rows)
        map.set(Number(r.episode_id), {
          hash: r.snapshot_hash,
          tournamentId: Number(r.tournament_id),
          problem: r.problem,
        });
    }
    return map;
  },

  /**
   * Marks imported episodes of a tournament with a sync problem (their matches are kept as they are);
   * answers the ones newly marked, so a lasting problem is reported once, not on every run.
   */
  async markProblem(
    db: Executor,
    tournamentId: number,
    episodeIds: number[],
    problem: string,
    now: Date,
  ): Promise<number[]> {
    if (!episodeIds.length) return [];
    const rows = await db('speedgaming_episode_matches')
      .where({ tournament_id: tournamentId })
      .whereIn('episode_id', episodeIds)
      .where((w) => w.whereNull('problem').orWhereNot('problem', problem))
      .update({ problem, problem_since: now, updated_at: now })
      .returning('episode_id');
    return rows.map((r: { episode_id: string }) => Number(r.episode_id));
  },

  /** Clears the problems of episodes SpeedGaming is back in sync for (one statement). */
  async clearProblems(db: Executor, tournamentId: number, episodeIds: number[], now: Date): Promise<void> {
    if (!episodeIds.length) return;
    await db('speedgaming_episode_matches')
      .where({ tournament_id: tournamentId })
      .whereIn('episode_id', episodeIds)
      .whereNotNull('problem')
      .update({ problem: null, problem_since: null, updated_at: now });
  },

  /** Imported matches of a tournament with an open sync problem, by match time. */
  async problems(db: Executor, orgId: number, tournamentId: number) {
    const rows = await db('speedgaming_episode_matches as e')
      .join('matches as m', 'm.id', 'e.match_id')
      .where({ 'e.org_id': orgId, 'e.tournament_id': tournamentId })
      .whereNotNull('e.problem')
      .whereNull('e.gone_at')
      .whereNull('m.finished_at')
      .whereNull('m.cancelled_at')
      .orderBy('m.scheduled_at')
      .select('e.match_id', 'e.episode_id', 'm.scheduled_at', 'e.problem', 'e.problem_since');
    return rows.map((r) => ({
      matchId: Number(r.match_id),
      episodeId: Number(r.episode_id),
      scheduledAt: (r.scheduled_at as Date).toISOString(),
      problem: r.problem as string,
      since: (r.problem_since as Date).toISOString(),
    }));
  },

  /**
   * Claims the episode for this transaction: inserts its row, or waits for and locks the row another
   * import holds. The unique (org, episode) key, not timing, makes two imports create one match.
   * `known` (the run's one read saw the row) goes straight to the lock: one statement either way.
   */
  async claim(
    trx: Knex.Transaction,
    e: { orgId: number; tournamentId: number; episodeId: number; eventSlug: string; scheduledAt: Date },
    now: Date,
    known = false,
  ) {
    const lock = async () =>
      (await trx('speedgaming_episode_matches')
        .where({ org_id: e.orgId, episode_id: e.episodeId })
        .forUpdate()
        .first()) as Row | undefined;
    if (known) {
      const row = await lock();
      if (row) return { row: fromRow(row), created: false };
    }
    const [inserted] = await trx('speedgaming_episode_matches')
      .insert({
        org_id: e.orgId,
        tournament_id: e.tournamentId,
        episode_id: e.episodeId,
        event_slug: e.eventSlug,
        snapshot_hash: '',
        snapshot: '{}',
        scheduled_at: e.scheduledAt,
        created_at: now,
        updated_at: now,
      })
      .onConflict(['org_id', 'episode_id'])
      .ignore()
      .returning('*');
    if (inserted) return { row: fromRow(inserted as Row), created: true };
    return { row: fromRow((await lock())!), created: false };
  },

  /**
   * Claims never-imported episodes for this transaction, written whole (hash, snapshot, people) but not
   * linked to a match yet: one insert, in the given order. An episode whose row exists or another
   * transaction is inserting (waited for) is left out. Answers episode id -> row id of the claimed ones.
   */
  async claimNew(
    trx: Knex.Transaction,
    s: { orgId: number; tournamentId: number },
    episodes: {
      episodeId: number;
      eventSlug: string;
      hash: string;
      snapshot: StoredImport;
      userIds: number[];
    }[],
    now: Date,
  ): Promise<Map<number, number>> {
    const claimed = new Map<number, number>();
    if (!episodes.length) return claimed;
    const rows = await trx('speedgaming_episode_matches')
      .insert(
        episodes.map((e) => ({
          org_id: s.orgId,
          tournament_id: s.tournamentId,
          episode_id: e.episodeId,
          event_slug: e.eventSlug,
          snapshot_hash: e.hash,
          snapshot: JSON.stringify(e.snapshot),
          scheduled_at: e.snapshot.scheduledAt,
          user_ids: e.userIds,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict(['org_id', 'episode_id'])
      .ignore()
      .returning(['id', 'episode_id']);
    for (const r of rows as { id: string; episode_id: string }[])
      claimed.set(Number(r.episode_id), Number(r.id));
    return claimed;
  },

  /** Links claimed episode rows to the matches created for them (one statement). */
  async linkMatches(trx: Knex.Transaction, links: { id: number; matchId: number }[]): Promise<void> {
    if (!links.length) return;
    await trx.raw(
      `update speedgaming_episode_matches e set match_id = l.match_id
       from unnest(?::bigint[], ?::bigint[]) as l(id, match_id) where e.id = l.id`,
      [links.map((l) => l.id), links.map((l) => l.matchId)],
    );
  },

  async save(
    db: Executor,
    id: number,
    fields: { matchId: number; hash: string; snapshot: StoredImport; userIds: number[]; now: Date },
  ): Promise<void> {
    await db('speedgaming_episode_matches')
      .where({ id })
      .update({
        match_id: fields.matchId,
        snapshot_hash: fields.hash,
        snapshot: JSON.stringify(fields.snapshot),
        scheduled_at: fields.snapshot.scheduledAt,
        user_ids: fields.userIds,
        problem: null,
        problem_since: null,
        updated_at: fields.now,
      });
  },

  /**
   * Imported, not cancelled episodes of a tournament's events whose time is inside `[from, to]`: just
   * their ids (every run reads all of them; their snapshots would cost more than the rest of a no-change run).
   */
  async inWindow(
    db: Executor,
    tournamentId: number,
    slugs: string[],
    from: Date,
    to: Date,
  ): Promise<{ id: number; episodeId: number; matchId: number }[]> {
    const rows = await db('speedgaming_episode_matches as e')
      .join('matches as m', 'm.id', 'e.match_id')
      .where('e.tournament_id', tournamentId)
      .whereIn('e.event_slug', slugs)
      .whereNull('e.gone_at')
      .whereNull('m.cancelled_at')
      .whereNull('m.finished_at')
      .whereBetween('e.scheduled_at', [from, to])
      .select('e.id', 'e.episode_id', 'e.match_id');
    return rows.map((r: { id: string; episode_id: string; match_id: string }) => ({
      id: Number(r.id),
      episodeId: Number(r.episode_id),
      matchId: Number(r.match_id),
    }));
  },

  async markGone(db: Executor, id: number, now: Date): Promise<void> {
    await db('speedgaming_episode_matches').where({ id }).update({ gone_at: now, updated_at: now });
  },

  /** Match ids of the tournament's imported episodes that are not gone (for claims). */
  async matchIds(db: Executor, where: { tournamentId?: number; orgId?: number }): Promise<number[]> {
    const q = db('speedgaming_episode_matches').whereNotNull('match_id').whereNull('gone_at');
    if (where.tournamentId !== undefined) q.where({ tournament_id: where.tournamentId });
    if (where.orgId !== undefined) q.where({ org_id: where.orgId });
    return (await q.select('match_id')).map((r) => Number(r.match_id));
  },

  /**
   * Refreshes the planner statistics of the tables a large import wrote (ANALYZE samples, it does not
   * scan: tens of milliseconds). A table the database role does not own is skipped with a warning.
   */
  async refreshStatistics(db: Database): Promise<void> {
    await db.raw(
      'analyze users, org_members, speedgaming_people, speedgaming_episode_matches, matches, match_players, match_crew, automation_claims',
    );
  },

  /** Forces a rewrite of every episode of a tournament on its next run (the import was turned back on). */
  async forceRewrite(db: Executor, tournamentId: number): Promise<void> {
    await db('speedgaming_episode_matches')
      .where({ tournament_id: tournamentId })
      .whereNull('gone_at')
      .update({ snapshot_hash: 'rewrite' });
  },

  /** Forces a rewrite of episodes that involve `userId` (after a merge moved that user's rows). */
  async touchUser(db: Executor, userId: number): Promise<void> {
    await db('speedgaming_episode_matches')
      .whereRaw('? = any(user_ids)', [userId])
      .update({ snapshot_hash: 'merged' });
  },
};
