import type { Knex } from 'knex';
import type { Database } from '../db/connect.js';

/** A user as services and plugins see it. */
export interface UserRef {
  id: number;
  discordId: string | null;
  discordUsername: string | null;
  /** `display_name`, falling back to the Discord username. */
  displayName: string;
  avatar: string | null;
  timezone: string;
  isPlaceholder: boolean;
  isSuperadmin: boolean;
  /** Set when this placeholder was merged into another user. */
  mergedIntoId: number | null;
}

/** Columns of the `users` table. */
export interface UserRow {
  id: number;
  discord_id: string | null;
  discord_username: string | null;
  discord_avatar: string | null;
  display_name: string | null;
  time_zone: string;
  is_placeholder: boolean;
  is_superadmin: boolean;
  merged_into_id: number | null;
}

/** Maps a database row to a `UserRef`. */
export const toUser = (row: UserRow): UserRef => ({
  id: row.id,
  discordId: row.discord_id,
  discordUsername: row.discord_username,
  displayName: row.display_name ?? row.discord_username ?? `user ${row.id}`,
  avatar: row.discord_avatar,
  timezone: row.time_zone,
  isPlaceholder: row.is_placeholder,
  isSuperadmin: row.is_superadmin,
  mergedIntoId: row.merged_into_id,
});

type Executor = Database | Knex.Transaction;

/** Looks users up; every function takes the executor so callers can pass a transaction. */
export const userRepository = {
  async byId(db: Executor, id: number): Promise<UserRef | undefined> {
    const row = await db<UserRow>('users').where({ id }).first();
    return row ? toUser(row) : undefined;
  },
  async byDiscordId(db: Executor, discordId: string): Promise<UserRef | undefined> {
    const row = await db<UserRow>('users').where({ discord_id: discordId }).first();
    return row ? toUser(row) : undefined;
  },
};
