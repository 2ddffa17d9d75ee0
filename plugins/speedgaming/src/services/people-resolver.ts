import type { ImportPerson } from './episode-mapping-types.js';
import { type KnownUser, peopleRepository } from './people-repository.js';
import { SG_ACTOR, type SgContext } from './sg-context.js';

/** Where each SG person leads, and the people that could not be told apart. */
export interface ResolvedPeople {
  users: Map<number, number>;
  /** SG person id -> why no user could be chosen. */
  ambiguous: Map<number, string>;
  created: number;
  merged: number;
}

const groupBy = <T, K>(items: T[], key: (t: T) => K): Map<K, T[]> => {
  const map = new Map<K, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
};

/**
 * Finds or creates the user of every SG person with a fixed number of queries per batch (mapped
 * people, Discord ids, usernames, new placeholders, saves); only merges cost a transaction each. Order: Discord id,
 * then an existing placeholder for the SG id, then a signed-in user with the SG Discord username,
 * else a new placeholder. A placeholder merges into the real user once one is known.
 */
export async function resolvePeople(
  ctx: SgContext,
  orgId: number,
  input: ImportPerson[],
): Promise<ResolvedPeople> {
  const { db, clock } = ctx;
  const people = new Map<number, ImportPerson>();
  for (const p of input) {
    const seen = people.get(p.sgId);
    if (!seen || (!seen.discordId && p.discordId)) people.set(p.sgId, p);
  }
  const all = [...people.values()];
  const mapped = new Map(
    (await peopleRepository.mapped(db, orgId, [...people.keys()])).map((m) => [m.sgId, m]),
  );
  const discordIds = all.flatMap((p) => (p.discordId ? [p.discordId] : []));
  const byDiscord = new Map(
    (await peopleRepository.byDiscordIds(db, discordIds)).map((u) => [u.discordId, u]),
  );
  const tags = all.flatMap((p) => (!p.discordId && p.discordTag ? [p.discordTag] : []));
  const byName = groupBy(await peopleRepository.byUsernames(db, tags), (u: KnownUser) =>
    u.username?.toLowerCase(),
  );

  const result: ResolvedPeople = { users: new Map(), ambiguous: new Map(), created: 0, merged: 0 };
  const merges: [number, number][] = [];
  const attach: [number, string][] = [];
  const create: ImportPerson[] = [];
  for (const p of all) {
    const m = mapped.get(p.sgId);
    if (p.discordId) {
      const u = byDiscord.get(p.discordId);
      if (u) {
        if (m && m.userId !== u.id && m.isPlaceholder) merges.push([m.userId, u.id]);
        result.users.set(p.sgId, u.id);
      } else if (m && m.discordId === null) {
        attach.push([m.userId, p.discordId]);
        result.users.set(p.sgId, m.userId);
      } else create.push(p);
      continue;
    }
    const named = p.discordTag ? (byName.get(p.discordTag.toLowerCase()) ?? []) : [];
    if (m) {
      if (m.isPlaceholder && m.discordId === null && named.length === 1) {
        merges.push([m.userId, named[0]!.id]);
        result.users.set(p.sgId, named[0]!.id);
      } else result.users.set(p.sgId, m.userId);
    } else if (named.length === 1) result.users.set(p.sgId, named[0]!.id);
    else if (named.length > 1) {
      result.ambiguous.set(
        p.sgId,
        `SpeedGaming person ${p.sgId} (${p.displayName}) matches ${named.length} users by Discord username "${p.discordTag}"`,
      );
    } else create.push(p);
  }

  for (const [from, into] of merges) {
    await ctx.users.merge(from, into, SG_ACTOR);
    result.merged++;
  }
  for (const [userId, discordId] of attach) {
    const user = await ctx.users.attachDiscordId(userId, discordId, SG_ACTOR);
    for (const [sgId, id] of result.users) if (id === userId) result.users.set(sgId, user.id);
  }
  for (const [sgId, userId] of await createPeople(ctx, orgId, create)) {
    result.users.set(sgId, userId);
    result.created++;
  }
  const now = clock.now();
  await peopleRepository.save(
    db,
    orgId,
    all.flatMap((p) => {
      const userId = result.users.get(p.sgId);
      return userId === undefined
        ? []
        : [{ sgId: p.sgId, userId, displayName: p.displayName, discordTag: p.discordTag }];
    }),
    now,
  );
  await peopleRepository.addMembers(db, orgId, [...result.users.values()], now);
  return result;
}

/**
 * Placeholders for new SG people, in one transaction and a constant number of statements. One
 * creator per org at a time (an advisory lock), and people another instance created meanwhile are
 * found again, so nobody gets two users.
 */
async function createPeople(
  ctx: SgContext,
  orgId: number,
  people: ImportPerson[],
): Promise<Map<number, number>> {
  const created = new Map<number, number>();
  if (!people.length) return created;
  return ctx.db.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`speedgaming:people:${orgId}`]);
    const existing = await peopleRepository.mapped(
      trx,
      orgId,
      people.map((p) => p.sgId),
    );
    for (const m of existing) created.set(m.sgId, m.userId);
    const fresh = people.filter((p) => !created.has(p.sgId));
    // One statement for all of them; a Discord id someone already has leads to that user.
    const users = await ctx.users.createPlaceholders(
      fresh.map((p) => ({ displayName: p.displayName, discordId: p.discordId })),
      SG_ACTOR,
      trx,
    );
    const rows = fresh.map((p, i) => {
      created.set(p.sgId, users[i]!.id);
      return { sgId: p.sgId, userId: users[i]!.id, displayName: p.displayName, discordTag: p.discordTag };
    });
    await peopleRepository.save(trx, orgId, rows, ctx.clock.now());
    return created;
  });
}

/** Merges placeholders whose SG Discord username now belongs to a signed-in user (one query when none). */
export async function mergeSignedInPlaceholders(ctx: SgContext, orgId: number): Promise<number> {
  const pairs = await peopleRepository.signedInPlaceholders(ctx.db, orgId);
  for (const { placeholderId, userId } of pairs) await ctx.users.merge(placeholderId, userId, SG_ACTOR);
  return pairs.length;
}
