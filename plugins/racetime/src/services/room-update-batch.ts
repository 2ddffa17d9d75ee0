import type { RacetimeRace } from '../clients/race-data.js';
import type { RaceUpdate } from '../clients/race-socket.js';
import type { RoomRow } from './room-repository.js';
import { applyRaceUpdate, applyRaceUpdates, type RoomLinks, type UpdateFollowUp } from './room-updates.js';
import type { RacetimeContext } from './runtime.js';

interface Pending {
  name: string;
  updates: RaceUpdate[];
  known: RacetimeRace;
  row: RoomRow;
  links: RoomLinks;
  resolve: (followUp: UpdateFollowUp | null) => void;
  reject: (error: unknown) => void;
}

/** How many rooms one transaction takes, and how many such transactions run at once. */
export interface BatchLimits {
  size: number;
  concurrency: number;
}

// Measured with `bench/racetime-room-fanout.ts` (5,000 updates/s over 1,000 rooms, one prepared
// statement per batch): two at once kept the latency tail lowest (p99 median of 7 runs 38 ms, against
// 59 ms with four, whose smaller batches woke the database twice as often; one at once varied most).
const DEFAULT_LIMITS: BatchLimits = { size: 100, concurrency: 2 };

/**
 * Group commit of `race.data` updates across rooms. Each room hands over its updates one call at a
 * time (the tracker applies a room's updates in order), so a batch holds at most one entry per room;
 * an entry may carry several frames of the room that arrived while its previous entry was written.
 * Entries that only move known entrants (race status unchanged, the race this process stored known,
 * with its room row and entrants' links) share one statement: it writes every room whose stored
 * version is still the known one, with that room's events, frame by frame. Everything else, and every
 * entry of a batch whose statement failed or whose room was written elsewhere meanwhile, goes through
 * {@link applyRaceUpdate} alone, frame by frame, so nothing is lost or applied twice.
 *
 * The window is the write itself: what arrives while `concurrency` statements run waits for the first
 * of them to commit and then goes at once (no timer), so batches grow with the load.
 */
export class RaceUpdateBatcher {
  private pending: Pending[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly ctx: RacetimeContext,
    private readonly limits: BatchLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * True when `updates` (in order, newer than `known`) can share a statement with other rooms': the
   * race status stays, nobody appears whose link was not read (`links`), nobody asks to join.
   */
  static batchable(
    updates: readonly RaceUpdate[],
    known: RacetimeRace | null,
    links: RoomLinks | null,
  ): known is RacetimeRace {
    if (!known || !links || updates.length === 0) return false;
    let version = known.version;
    for (const { race } of updates) {
      if (race.status !== known.status || race.version <= version) return false;
      for (const e of race.entrants)
        if (e.status === 'requested' || (e.user?.id && !links.checked.has(e.user.id))) return false;
      version = race.version;
    }
    return true;
  }

  /**
   * Applies a room's `updates` (in order) on top of `known`, the race this process last stored for it
   * (with `row` and `links`, the room row and entrants' links of that same follow-up, or null to read
   * them again); the follow-up of the last one, or null when nothing was stored.
   */
  apply(
    name: string,
    updates: RaceUpdate[],
    options: { joined: boolean; known: RacetimeRace | null; row: RoomRow | null; links: RoomLinks | null },
  ): Promise<UpdateFollowUp | null> {
    const { known, row, links } = options;
    // Frames not newer than the stored race (a repeat after reconnecting) change nothing.
    const fresh = known ? updates.filter((u) => u.race.version > known.version) : updates;
    if (fresh.length === 0) return Promise.resolve(null);
    if (options.joined || !row || !RaceUpdateBatcher.batchable(fresh, known, links))
      return this.oneByOne(name, fresh, options);
    return new Promise((resolve, reject) => {
      this.pending.push({ name, updates: fresh, known, row, links: links!, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.limits.concurrency || this.pending.length === 0) return;
    this.scheduled = true;
    // Gather what arrives in the same turn of the event loop.
    setImmediate(() => {
      this.scheduled = false;
      while (this.running < this.limits.concurrency && this.pending.length > 0) {
        const batch = this.pending.splice(0, this.limits.size);
        this.running++;
        void this.run(batch).finally(() => {
          this.running--;
          this.schedule();
        });
      }
    });
  }

  private async run(batch: Pending[]): Promise<void> {
    let results: Array<UpdateFollowUp | undefined>;
    try {
      results = await applyRaceUpdates(this.ctx, batch);
    } catch (error) {
      this.ctx.logger.warn(
        { err: error, rooms: batch.length },
        'batched race updates failed, applying one by one',
      );
      results = batch.map(() => undefined);
    }
    await Promise.all(
      batch.map(async (item, i) => {
        const done = results[i];
        if (done !== undefined) return item.resolve(done);
        try {
          item.resolve(await this.oneByOne(item.name, item.updates, { joined: false, known: item.known }));
        } catch (error) {
          item.reject(error);
        }
      }),
    );
  }

  /** Each update in its own transaction, in order; the follow-up of the last one stored. */
  private async oneByOne(
    name: string,
    updates: readonly RaceUpdate[],
    options: { joined: boolean; known: RacetimeRace | null },
  ): Promise<UpdateFollowUp | null> {
    let { joined, known } = options;
    let last: UpdateFollowUp | null = null;
    for (const update of updates) {
      const followUp = await applyRaceUpdate(this.ctx, name, update, { joined, known });
      joined = false;
      if (!followUp) continue;
      last = followUp;
      known = followUp.race;
      if (followUp.done) break;
    }
    return last;
  }
}
