import type { RacetimeRace } from '../clients/race-data.js';
import type { RaceUpdate } from '../clients/race-socket.js';
import { applyRaceUpdate, applyRaceUpdates, type UpdateFollowUp } from './room-updates.js';
import type { RacetimeContext } from './runtime.js';

interface Pending {
  name: string;
  update: RaceUpdate;
  known: RacetimeRace;
  resolve: (followUp: UpdateFollowUp | null) => void;
  reject: (error: unknown) => void;
}

/** How many updates one transaction takes, and how many such transactions run at once. */
export interface BatchLimits {
  size: number;
  concurrency: number;
}

const DEFAULT_LIMITS: BatchLimits = { size: 100, concurrency: 4 };

/**
 * Group commit of `race.data` updates across rooms. Each room hands over one update at a time (the
 * tracker applies a room's updates in order), so a batch holds at most one update per room. Updates
 * that only move entrants (race status unchanged, the race this process stored known) go into a shared
 * transaction: one conditional update locks and writes every room whose stored version is still the
 * known one, then each room's events are emitted. Everything else, and every update of a batch whose
 * transaction failed or whose room was written elsewhere meanwhile, goes through {@link applyRaceUpdate}
 * alone, so nothing is lost or applied twice.
 */
export class RaceUpdateBatcher {
  private pending: Pending[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly ctx: RacetimeContext,
    private readonly limits: BatchLimits = DEFAULT_LIMITS,
  ) {}

  apply(
    name: string,
    update: RaceUpdate,
    options: { joined: boolean; known: RacetimeRace | null },
  ): Promise<UpdateFollowUp | null> {
    const { known } = options;
    if (
      !known ||
      options.joined ||
      known.version >= update.race.version ||
      known.status !== update.race.status
    )
      return applyRaceUpdate(this.ctx, name, update, options);
    return new Promise((resolve, reject) => {
      this.pending.push({ name, update, known, resolve, reject });
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
          item.resolve(
            await applyRaceUpdate(this.ctx, item.name, item.update, { joined: false, known: item.known }),
          );
        } catch (error) {
          item.reject(error);
        }
      }),
    );
  }
}
