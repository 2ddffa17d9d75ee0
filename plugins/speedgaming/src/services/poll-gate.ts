import type { SgContext } from './sg-context.js';

/** SpeedGaming's maintainer asked for at most one schedule request a minute per event (reference §6). */
export const MIN_POLL_INTERVAL_MS = 60_000;

class SlotTaken extends Error {
  constructor(readonly retryAt: Date) {
    super('poll slot taken');
  }
}

/**
 * Takes the right to poll every slug now, all or nothing, across instances (a row per event,
 * updated only when its last poll is a minute old). Returns when the refused slug frees up.
 */
export async function takePollSlots(
  ctx: SgContext,
  slugs: string[],
): Promise<{ ok: true } | { ok: false; retryAt: Date }> {
  const now = ctx.clock.now();
  const cutoff = new Date(now.getTime() - MIN_POLL_INTERVAL_MS);
  try {
    await ctx.db.transaction(async (trx) => {
      for (const slug of [...new Set(slugs.map((s) => s.toLowerCase()))].sort()) {
        const taken = await trx.raw(
          `insert into speedgaming_event_polls (event_slug, polled_at) values (?, ?)
           on conflict (event_slug) do update set polled_at = excluded.polled_at
           where speedgaming_event_polls.polled_at <= ?
           returning event_slug`,
          [slug, now, cutoff],
        );
        if (taken.rows.length === 0) {
          const row = await trx('speedgaming_event_polls').where({ event_slug: slug }).first('polled_at');
          const last = row ? (row.polled_at as Date).getTime() : now.getTime();
          // Throwing rolls back the slots taken for the other slugs.
          throw new SlotTaken(new Date(last + MIN_POLL_INTERVAL_MS));
        }
      }
    });
    return { ok: true };
  } catch (error) {
    if (error instanceof SlotTaken) return { ok: false, retryAt: error.retryAt };
    throw error;
  }
}
