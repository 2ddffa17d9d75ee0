import type { Database } from '@racedesk/core';
import type { Knex } from 'knex';

type Executor = Database | Knex.Transaction;
const CHUNK = 5000;

/** A mapped SpeedGaming person and the user they lead to today (merges followed). */
export interface MappedPerson {
  sgId: number;
  userId: number;
  isPlaceholder: boolean;
  discordId: string | null;
}

/** A user found by Discord id or username. */
export interface KnownUser {
  id: number;
  discordId: string | null;
  username: string | null;
}

async function chunked<T, R>(items: T[], fn: (part: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(...(await fn(items.slice(i, i + CHUNK))));
  return out;
}

/** `speedgaming_people` plus the user lookups people resolution needs, one query per batch each. */
export const peopleRepository = {
  async mapped(db: Executor, orgId: number, sgIds: number[]): Promise<MappedPerson[]> {
    return chunked(sgIds, async (part) => {
      const rows = await db('speedgaming_people as sp')
        .join('users as u', 'u.id', 'sp.user_id')
        .leftJoin('users as m', 'm.id', 'u.merged_into_id')
        .where('sp.org_id', orgId)
        .whereIn('sp.sg_person_id', part)
        .select(
          'sp.sg_person_id',
          db.raw('coalesce(m.id, u.id) as user_id'),
          db.raw('coalesce(m.is_placeholder, u.is_placeholder) as is_placeholder'),
          db.raw('coalesce(m.discord_id, u.discord_id) as discord_id'),
        );
      return rows.map((r) => ({
        sgId: Number(r.sg_person_id),
        userId: Number(r.user_id),
        isPlaceholder: r.is_placeholder,
        discordId: r.discord_id,
      }));
    });
  },

  async byDiscordIds(db: Executor, discordIds: string[]): Promise<KnownUser[]> {
    return chunked(discordIds, async (part) =>
      (
        await db('users')
          .whereIn('discord_id', part)
          .whereNull('merged_into_id')
          .select('id', 'discord_id', 'discord_username')
      ).map((r) => ({ id: Number(r.id), discordId: r.discord_id, username: r.discord_username })),
    );
  },

  /** Signed-in (non-placeholder) users by Discord username, case-insensitive. */
  async byUsernames(db: Executor, usernames: string[]): Promise<KnownUser[]> {
    const lower = [...new Set(usernames.map((u) => u.toLowerCase()))];
    return chunked(lower, async (part) =>
      (
        await db('users')
          .whereRaw('lower(discord_username) = any(?)', [part])
          .where('is_placeholder', false)
          .whereNull('merged_into_id')
          .select('id', 'discord_id', 'discord_username')
      ).map((r) => ({ id: Number(r.id), discordId: r.discord_id, username: r.discord_username })),
    );
  },

  /** Saves where SG people lead (one statement per chunk). */
  async save(
    db: Executor,
    orgId: number,
    rows: { sgId: number; userId: number; displayName: string; discordTag: string | null }[],
    now: Date,
  ): Promise<void> {
    await chunked(rows, async (part) => {
      await db('speedgaming_people')
        .insert(
          part.map((r) => ({
            org_id: orgId,
            sg_person_id: r.sgId,
            user_id: r.userId,
            display_name: r.displayName,
            discord_tag: r.discordTag,
            created_at: now,
          })),
        )
        .onConflict(['org_id', 'sg_person_id'])
        .merge(['user_id', 'display_name', 'discord_tag']);
      return [];
    });
  },

  /**
   * Adds users to the org as members (one statement per chunk).
   * The core's member service adds by Discord id only, and placeholders have none.
   */
  async addMembers(db: Executor, orgId: number, userIds: number[], now: Date): Promise<void> {
    const unique = [...new Set(userIds)];
    await chunked(unique, async (part) => {
      await db('org_members')
        .insert(
          part.map((userId) => ({
            org_id: orgId,
            user_id: userId,
            role: 'member',
            joined_at: now,
            updated_at: now,
          })),
        )
        .onConflict(['org_id', 'user_id'])
        .ignore();
      return [];
    });
  },

  /** Placeholders of the org whose SG Discord username now belongs to exactly one signed-in user. */
  async signedInPlaceholders(
    db: Executor,
    orgId: number,
  ): Promise<{ placeholderId: number; userId: number }[]> {
    const rows = await db('speedgaming_people as sp')
      .join('users as p', 'p.id', 'sp.user_id')
      .joinRaw('join users as u on lower(u.discord_username) = lower(sp.discord_tag)')
      .where('sp.org_id', orgId)
      .where('p.is_placeholder', true)
      .whereNull('p.merged_into_id')
      .whereNull('p.discord_id')
      .where('u.is_placeholder', false)
      .whereNull('u.merged_into_id')
      .groupBy('p.id')
      .havingRaw('count(distinct u.id) = 1')
      .select('p.id as placeholder_id', db.raw('min(u.id) as user_id'));
    return (rows as { placeholder_id: string; user_id: string }[]).map((r) => ({
      placeholderId: Number(r.placeholder_id),
      userId: Number(r.user_id),
    }));
  },
};
