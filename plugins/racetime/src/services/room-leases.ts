import type { TimerClock } from '../clients/timer-clock.js';
import type { InstanceSettings } from './instance-settings.js';
import type { RoomTracker } from './room-tracker.js';
import type { RacetimeContext } from './runtime.js';

// A finished race can be re-opened for 10 minutes (an entrant undoes): keep following it a bit longer.
const FINISHED_FOLLOW_MS = 15 * 60_000;
/**
 * Rooms renewed per statement. The renewal locks the rows it renews, and a room's updates wait for that
 * lock: renewing 1,000 rooms at once held them for 20–30 ms every round, a stall every room of the
 * instance felt at once (room fan-out benchmark); a tenth of that at a time holds each for ~3 ms.
 */
const RENEWAL_CHUNK = 100;

/**
 * Holds room sockets across instances: each live room has a lease row (`lease_holder`,
 * `lease_expires_at`). Every tick renews this instance's leases, takes rooms whose holder stopped
 * renewing (or that nobody holds, e.g. after a restart), follows what it holds and drops what it lost,
 * then reads the followed rooms' entrant links again.
 */
export class RoomLeases {
  private timer: unknown = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly ctx: RacetimeContext,
    private readonly settings: InstanceSettings,
    private readonly clock: TimerClock,
    private readonly tracker: RoomTracker,
  ) {}

  /** Whether this instance holds rooms at all: `api` instances leave sockets and leases to workers. */
  get holdsRooms(): boolean {
    return this.ctx.role !== 'api';
  }

  /** Starts ticking every third of the lease time. */
  start(): void {
    if (!this.holdsRooms) return;
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.clock.clearTimeout(this.timer);
  }

  /** One renewal round (at most one at a time). */
  tick(): Promise<void> {
    if (!this.holdsRooms) return Promise.resolve();
    this.running ??= this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Gives up every lease this instance holds (clean shutdown: another instance takes over at once). */
  async release(): Promise<void> {
    if (!this.holdsRooms) return;
    // In id order, as the renewal and batched room updates lock rows (no deadlock with a last update).
    await this.ctx.db.raw(
      `with mine as (
         select id from racetime_match_rooms where lease_holder = ? order by id for update
       )
       update racetime_match_rooms as r set lease_holder = null, lease_expires_at = null
       from mine where r.id = mine.id`,
      [this.settings.instanceId],
    );
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimeout(
      () => {
        void this.tick()
          .catch((error) => this.ctx.logger.error({ err: error }, 'room lease renewal failed'))
          .finally(() => this.schedule());
      },
      Math.max(1_000, Math.floor(this.settings.leaseMs / 3)),
    );
  }

  private async round(): Promise<void> {
    const now = this.clock.now();
    const held: LeasedRoom[] = [];
    for (let after = 0; ; ) {
      const chunk = await this.renew(now, after);
      held.push(...chunk);
      if (chunk.length < RENEWAL_CHUNK || this.stopped) break;
      after = Math.max(...chunk.map((r) => Number(r.id)));
    }
    if (this.stopped) return;
    const names = new Set(held.map((r) => r.slug));
    for (const row of held) this.tracker.follow(row.slug, Number(row.bot_id));
    for (const name of this.tracker.followed()) if (!names.has(name)) this.tracker.unfollow(name);
    // Only a shortcut: links older than the tracker keeps them are read again by the room's next update.
    await this.tracker
      .refreshLinks()
      .catch((error) => this.ctx.logger.warn({ err: error }, 'entrant links not read again'));
  }

  /** Renews (or takes) the leases of up to {@link RENEWAL_CHUNK} rooms with ids above `after`. */
  private async renew(now: Date, after: number): Promise<LeasedRoom[]> {
    const me = this.settings.instanceId;
    const result = await this.ctx.db.raw(
      // Rows are locked in id order, as batched room updates lock them (no deadlock between the two).
      `with mine as (
         select id from racetime_match_rooms
         where id > ? and slug is not null and bot_id is not null
           and (status in ('open', 'in_progress') or (status = 'finished' and updated_at > ?))
           and (lease_holder = ? or lease_holder is null or lease_expires_at < ?)
         order by id
         limit ?
         for update
       )
       update racetime_match_rooms as r set lease_holder = ?, lease_expires_at = ?
       from mine where r.id = mine.id
       returning r.id, r.slug, r.bot_id`,
      [
        after,
        new Date(now.getTime() - FINISHED_FOLLOW_MS),
        me,
        now,
        RENEWAL_CHUNK,
        me,
        new Date(now.getTime() + this.settings.leaseMs),
      ],
    );
    return (result as { rows: LeasedRoom[] }).rows;
  }
}

interface LeasedRoom {
  id: string | number;
  slug: string;
  bot_id: string | number;
}
