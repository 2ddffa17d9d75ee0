import type { Knex } from 'knex';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { conflict, notFound } from '../errors.js';
import type { EventBus } from '../events/bus.js';
import { checkTimeZone } from '../time/time-zone.js';
import { UserMerged } from './user-events.js';
import { moveCoreRows, type UserMergeHandler } from './user-merge.js';
import { toUser, type UserRef, type UserRow, userRepository } from './user-repository.js';

/** A Discord profile as `users/@me` returns it. */
export interface DiscordProfile {
  id: string;
  username: string;
  global_name?: string | null;
  avatar?: string | null;
}

/** A placeholder to create in bulk; `discordId`, when the import knows it, is its external identity. */
export interface PlaceholderSpec {
  displayName: string;
  discordId?: string | null;
}

const PLACEHOLDER_CHUNK = 5000;

/** Users: lookups, Discord sign-in upserts, placeholders and merging them into real users. */
export function createUserService(db: Database, clock: Clock, bus: EventBus, audit: AuditLog) {
  const mergeHandlers: UserMergeHandler[] = [moveCoreRows];
  const inTransaction = <T>(trx: Knex.Transaction | undefined, fn: (t: Knex.Transaction) => Promise<T>) =>
    trx ? fn(trx) : db.transaction(fn);

  const service = {
    byId: (id: number, trx?: Knex.Transaction) => userRepository.byId(trx ?? db, id),
    byDiscordId: (discordId: string, trx?: Knex.Transaction) =>
      userRepository.byDiscordId(trx ?? db, discordId),

    /** Creates or refreshes the user of a Discord profile (a user added by Discord id stops being a stub). */
    async upsertFromDiscord(profile: DiscordProfile, trx?: Knex.Transaction): Promise<UserRef> {
      const now = clock.now();
      const fields = {
        discord_username: profile.username,
        discord_avatar: profile.avatar ?? null,
        is_placeholder: false,
        last_sign_in_at: now,
        updated_at: now,
      };
      const [row] = (await (trx ?? db)('users')
        .insert({
          discord_id: profile.id,
          display_name: profile.global_name ?? null,
          created_at: now,
          ...fields,
        })
        .onConflict('discord_id')
        .merge(fields)
        .returning('*')) as UserRow[];
      return toUser(row!);
    },

    /** A user known only by Discord id (added as a member before signing in). */
    async ensureByDiscordId(discordId: string, trx?: Knex.Transaction): Promise<UserRef> {
      const now = clock.now();
      await (trx ?? db)('users')
        .insert({ discord_id: discordId, created_at: now, updated_at: now })
        .onConflict('discord_id')
        .ignore();
      return (await userRepository.byDiscordId(trx ?? db, discordId))!;
    },

    /** Creates a placeholder user (an imported player without a Discord account yet). */
    async createPlaceholder(
      spec: { displayName: string },
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<UserRef> {
      const now = clock.now();
      return inTransaction(trx, async (t) => {
        const [row] = (await t('users')
          .insert({ display_name: spec.displayName, is_placeholder: true, created_at: now, updated_at: now })
          .returning('*')) as UserRow[];
        await audit.record(
          { actor, action: 'user.placeholder_created', target: { type: 'user', id: row!.id } },
          t,
        );
        return toUser(row!);
      });
    },

    /**
     * Creates many placeholders with one insert (and one audit statement) per 5,000, answering users
     * in the order of `specs`. Idempotent on the Discord id: a spec whose id already belongs to a user
     * (placeholder or real, created before or by a concurrent import) answers that user and creates
     * nothing; specs repeating an id answer one user. Specs without a Discord id always create one.
     */
    async createPlaceholders(
      specs: PlaceholderSpec[],
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<UserRef[]> {
      if (!specs.length) return [];
      const now = clock.now();
      return inTransaction(trx, async (t) => {
        const out: UserRef[] = [];
        for (let i = 0; i < specs.length; i += PLACEHOLDER_CHUNK) {
          const part = specs.slice(i, i + PLACEHOLDER_CHUNK);
          // Discord ids go in sorted (and once each) so concurrent imports take unique-index locks in
          // one order and never deadlock. PostgreSQL returns the rows of a VALUES insert in input
          // order: rows without an id are matched by position, the others by id.
          const linked = new Map<string, PlaceholderSpec>();
          for (const s of part) if (s.discordId && !linked.has(s.discordId)) linked.set(s.discordId, s);
          const rows = [
            ...part.filter((s) => !s.discordId),
            ...[...linked.keys()].sort().map((id) => linked.get(id)!),
          ];
          const inserted = (await t('users')
            .insert(
              rows.map((s) => ({
                display_name: s.displayName,
                discord_id: s.discordId || null,
                is_placeholder: true,
                created_at: now,
                updated_at: now,
              })),
            )
            .onConflict('discord_id')
            .ignore()
            .returning('*')) as UserRow[];
          const byDiscord = new Map<string, UserRow>();
          const anonymous: UserRow[] = [];
          for (const row of inserted) {
            if (row.discord_id) byDiscord.set(row.discord_id, row);
            else anonymous.push(row);
          }
          const taken = [
            ...new Set(
              part.flatMap((s) => (s.discordId && !byDiscord.has(s.discordId) ? [s.discordId] : [])),
            ),
          ];
          if (taken.length) {
            for (const row of (await t('users').whereIn('discord_id', taken)) as UserRow[])
              byDiscord.set(row.discord_id!, row);
          }
          let next = 0;
          for (const s of part)
            out.push(toUser(s.discordId ? byDiscord.get(s.discordId)! : anonymous[next++]!));
          await audit.recordMany(
            inserted.map((row) => ({
              actor,
              action: 'user.placeholder_created',
              target: { type: 'user', id: row.id },
            })),
            t,
          );
        }
        return out;
      });
    },

    /** Sets the time zone the user sees times in (an IANA zone; 400 otherwise), audited when it changes. */
    async setTimeZone(userId: number, timezone: string, actor: Actor): Promise<UserRef> {
      checkTimeZone(timezone);
      return db.transaction(async (t) => {
        const before = await userRepository.byId(t, userId);
        if (!before) throw notFound('RD_USER_NOT_FOUND', `No user ${userId}`);
        if (before.timezone === timezone) return before;
        const [row] = (await t('users')
          .where({ id: userId })
          .update({ time_zone: timezone, updated_at: clock.now() })
          .returning('*')) as UserRow[];
        await audit.record(
          {
            actor,
            action: 'user.timezone_changed',
            target: { type: 'user', id: userId },
            details: { from: before.timezone, to: timezone },
          },
          t,
        );
        return toUser(row!);
      });
    },

    /**
     * Gives a placeholder its Discord id. When a user with that id exists already, the placeholder is
     * merged into it instead; returns the user that now carries the id.
     */
    async attachDiscordId(
      userId: number,
      discordId: string,
      actor: Actor,
      trx?: Knex.Transaction,
    ): Promise<UserRef> {
      return inTransaction(trx, async (t) => {
        const existing = await userRepository.byDiscordId(t, discordId);
        if (existing && existing.id !== userId) {
          await service.merge(userId, existing.id, actor, t);
          return existing;
        }
        const [row] = (await t('users')
          .where({ id: userId })
          .update({ discord_id: discordId, updated_at: clock.now() })
          .returning('*')) as UserRow[];
        if (!row) throw notFound('RD_USER_NOT_FOUND', `No user ${userId}`);
        return toUser(row);
      });
    },

    /**
     * Merges a placeholder into another user in one transaction: core rows and every registered
     * handler's rows move, then `core.user.merged` is emitted. The placeholder stays as a tombstone.
     */
    async merge(fromUserId: number, intoUserId: number, actor: Actor, trx?: Knex.Transaction): Promise<void> {
      await inTransaction(trx, async (t) => {
        const [from, into] = await Promise.all([
          userRepository.byId(t, fromUserId),
          userRepository.byId(t, intoUserId),
        ]);
        if (!from || !into) throw notFound('RD_USER_NOT_FOUND', `No user ${from ? intoUserId : fromUserId}`);
        if (!from.isPlaceholder || from.mergedIntoId !== null || fromUserId === intoUserId) {
          throw conflict(
            'RD_USER_NOT_MERGEABLE',
            'Only an unmerged placeholder can be merged into another user',
          );
        }
        if (into.mergedIntoId !== null)
          throw conflict('RD_USER_NOT_MERGEABLE', 'The target user was merged away');
        const merge = { fromUserId, intoUserId };
        for (const handler of mergeHandlers) await handler(merge, t);
        await t('users')
          .where({ id: fromUserId })
          .update({ merged_into_id: intoUserId, updated_at: clock.now() });
        await audit.record(
          { actor, action: 'user.merged', target: { type: 'user', id: intoUserId }, details: merge },
          t,
        );
        await bus.emit(UserMerged, merge, { actor }, t);
      });
    },

    /** Registers rows to move on every merge (core modules; plugins use `onUserMerge`). */
    onMerge(handler: UserMergeHandler): void {
      mergeHandlers.push(handler);
    },
  };
  return service;
}

/** The user service. */
export type UserService = ReturnType<typeof createUserService>;
