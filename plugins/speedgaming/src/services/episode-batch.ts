import type { ParsedEpisode } from '../clients/parsed-episode.js';
import type { RejectedEpisode } from '../clients/speedgaming-client.js';
import { resolveChannels } from './channel-resolver.js';
import type { WantedCrew } from './crew-sync.js';
import { writeNewEpisodes } from './episode-bulk-writer.js';
import { mapEpisode } from './episode-mapping.js';
import type { EpisodeImport } from './episode-mapping-types.js';
import { episodeStore } from './episode-store.js';
import { type EpisodePlan, writeEpisode } from './episode-writer.js';
import { importHash } from './import-snapshot.js';
import { resolvePeople } from './people-resolver.js';
import type { ImportSettings } from './settings-repository.js';
import type { SgContext } from './sg-context.js';
import type { SyncCounts } from './sync-records.js';

/**
 * Imports a batch of episodes: one query finds the unchanged ones (same snapshot hash), people and
 * channels of the rest are resolved in batch; new episodes are then written in batches (a fixed
 * number of statements per batch), changed ones each in its own transaction. A failing episode is
 * rejected with its reason and never blocks the others.
 */
export async function importEpisodes(
  ctx: SgContext,
  s: ImportSettings,
  episodes: ParsedEpisode[],
  counts: SyncCounts,
  rejections: RejectedEpisode[],
): Promise<void> {
  const usable: EpisodeImport[] = [];
  const playerless: EpisodeImport[] = [];
  for (const episode of episodes) {
    const mapped = mapEpisode(episode, { crewRoles: s.crewRoles, approvedCrewOnly: true });
    (mapped.players.length ? usable : playerless).push(mapped);
  }
  const stored = await episodeStore.hashes(
    ctx.db,
    s.orgId,
    [...usable, ...playerless].map((e) => e.externalId),
  );
  await keepPlayerless(ctx, s, playerless, stored, counts, rejections);
  const todo: EpisodeImport[] = [];
  const backInSync: number[] = [];
  for (const e of usable) {
    const row = stored.get(e.externalId);
    if (row && row.tournamentId !== s.tournamentId) {
      counts.skipped++;
      rejections.push({
        episodeId: e.externalId,
        reason: `already imported into tournament ${row.tournamentId} of this organization`,
      });
    } else if (row?.hash === importHash(e)) {
      counts.unchanged++;
      if (row.problem) backInSync.push(e.externalId);
    } else todo.push(e);
  }
  await episodeStore.clearProblems(ctx.db, s.tournamentId, backInSync, ctx.clock.now());
  if (!todo.length) return;
  const people = await resolvePeople(
    ctx,
    s.orgId,
    todo.flatMap((e) => [...e.players, ...e.crew]),
  );
  const channels = await resolveChannels(
    ctx,
    s.orgId,
    todo.flatMap((e) => e.channels.slice(0, 1)),
  );
  const fresh: EpisodePlan[] = [];
  const again: EpisodePlan[] = [];
  for (const next of todo) {
    const unclear = [...next.players, ...next.crew]
      .map((p) => people.ambiguous.get(p.sgId))
      .find((r) => r !== undefined);
    if (unclear) {
      rejections.push({ episodeId: next.externalId, reason: unclear });
      continue;
    }
    const players = [...new Set(next.players.map((p) => people.users.get(p.sgId)!))];
    const crew = new Map<string, WantedCrew>();
    for (const c of next.crew) {
      const userId = people.users.get(c.sgId)!;
      crew.set(`${c.role}:${userId}`, { userId, role: c.role });
    }
    const channel = next.channels[0];
    const known = stored.has(next.externalId);
    (known ? again : fresh).push({
      next,
      players,
      crew: [...crew.values()],
      streamChannelId: channel ? (channels.get(channel.name) ?? null) : null,
      known,
    });
  }
  const writer = episodeWriter(ctx, s, counts, rejections);
  await inParallel(chunks(fresh, BATCH), BATCH_WRITERS, writer.batch);
  await inParallel(again, WRITERS, writer.one);
  // A first import fills these tables within seconds, before autovacuum refreshes their statistics;
  // with stale ones the next run's people joins took seconds instead of milliseconds.
  if (fresh.length >= ANALYZE_AFTER) await episodeStore.refreshStatistics(ctx.db);
}

/**
 * Writes episodes and counts what happened. New episodes go in batches (one transaction each); a
 * batch that fails is split in halves and retried, down to one episode per transaction, so one bad
 * episode is rejected with its reason and never blocks the others.
 */
function episodeWriter(ctx: SgContext, s: ImportSettings, counts: SyncCounts, rejections: RejectedEpisode[]) {
  const one = async (plan: EpisodePlan): Promise<void> => {
    try {
      const outcome = await writeEpisode(ctx, s, plan);
      // Skips (a started or finished match) are expected, not errors.
      if (outcome.kind === 'skipped') counts.skipped++;
      else counts[outcome.kind]++;
    } catch (error) {
      ctx.logger.warn({ err: error, episodeId: plan.next.externalId }, 'SpeedGaming episode not imported');
      rejections.push({
        episodeId: plan.next.externalId,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const batch = async (plans: EpisodePlan[]): Promise<void> => {
    let outcome: Awaited<ReturnType<typeof writeNewEpisodes>>;
    try {
      outcome = await writeNewEpisodes(ctx, s, plans);
    } catch (error) {
      ctx.logger.info({ err: error, episodes: plans.length }, 'SpeedGaming batch not written; splitting it');
      if (plans.length <= ONE_BY_ONE) {
        for (const plan of plans) await one(plan);
        return;
      }
      const half = Math.ceil(plans.length / 2);
      await batch(plans.slice(0, half));
      await batch(plans.slice(half));
      return;
    }
    counts.imported += outcome.imported.length;
    // Another import claimed these meanwhile: the one-episode path waits for it and compares.
    for (const plan of outcome.taken) await one({ ...plan, known: true });
  };
  return { one, batch };
}

/** Shown for an imported episode whose players were all removed on SpeedGaming. */
export const PLAYERS_GONE =
  'every player was removed on SpeedGaming; the match keeps its last players and crew until SpeedGaming has players again';

/**
 * Episodes without players: one never imported is not drawn yet (listed, nothing created). One
 * already imported keeps its match untouched (an empty line-up would break rooms and brackets) and
 * is marked with a sync problem organizers see on `GET .../problems`; it is listed in the run that
 * first sees it and counted as skipped after that, until SpeedGaming has players again.
 */
async function keepPlayerless(
  ctx: SgContext,
  s: ImportSettings,
  playerless: EpisodeImport[],
  known: Map<number, { tournamentId: number }>,
  counts: SyncCounts,
  rejections: RejectedEpisode[],
): Promise<void> {
  const imported: number[] = [];
  for (const e of playerless) {
    if (known.get(e.externalId)?.tournamentId === s.tournamentId) imported.push(e.externalId);
    else rejections.push({ episodeId: e.externalId, reason: 'no players (the pairing is not drawn yet)' });
  }
  const fresh = await episodeStore.markProblem(
    ctx.db,
    s.tournamentId,
    imported,
    PLAYERS_GONE,
    ctx.clock.now(),
  );
  for (const episodeId of fresh) rejections.push({ episodeId, reason: PLAYERS_GONE });
  counts.skipped += imported.length - fresh.length;
}

// Episodes are independent (own transaction, people and channels resolved up front): a few
// written at once hide database round trips without crowding the pool.
const WRITERS = 4;
/** New episodes per transaction, and how many such batches are written at once. */
const BATCH = 250;
const BATCH_WRITERS = 3;
/** New episodes in one run from which the written tables' planner statistics are refreshed. */
const ANALYZE_AFTER = 1000;
/** A failing batch this small is written one episode per transaction. */
const ONE_BY_ONE = 8;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}
