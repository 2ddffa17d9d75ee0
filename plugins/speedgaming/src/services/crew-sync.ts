import { RacedeskError } from '@racedesk/core';
import type { Knex } from 'knex';
import type { ImportCrewRole } from './episode-mapping-types.js';
import { SG_ACTOR, type SgContext } from './sg-context.js';

/** A crew seat SpeedGaming wants on a match. */
export interface WantedCrew {
  userId: number;
  role: ImportCrewRole;
}

const key = (c: { userId: number; role: string }) => `${c.role}:${c.userId}`;

/**
 * Makes the match's crew what SpeedGaming approved, through the core crew service (its events:
 * signed_up/approved, removed), inside the episode's transaction: match, players and crew are one
 * atomic write. A new match has no crew yet, so nothing is read for it.
 */
export async function syncCrew(
  ctx: SgContext,
  orgId: number,
  matchId: number,
  wanted: WantedCrew[],
  trx: Knex.Transaction,
  isNew = false,
): Promise<number> {
  const crew = ctx.domain.crew;
  const current = isNew ? [] : await crew.ofMatches([matchId], trx);
  const want = new Set(wanted.map(key));
  const have = new Map(current.map((c) => [key(c), c]));
  let changes = 0;
  for (const c of current) {
    if (want.has(key(c))) continue;
    await crew.remove(orgId, matchId, c.id, SG_ACTOR, trx);
    changes++;
  }
  for (const w of wanted) {
    const existing = have.get(key(w));
    if (existing) {
      if (!existing.approved) {
        await crew.setApproved(orgId, matchId, existing.id, true, SG_ACTOR, trx);
        changes++;
      }
      continue;
    }
    try {
      await crew.signUp(orgId, matchId, { role: w.role, userId: w.userId }, SG_ACTOR, trx);
      changes++;
    } catch (error) {
      // Someone took the seat since it was read (the service's insert skips it, so the transaction lives on).
      if (!(error instanceof RacedeskError && error.code === 'RD_CREW_DUPLICATE')) throw error;
    }
  }
  return changes;
}
