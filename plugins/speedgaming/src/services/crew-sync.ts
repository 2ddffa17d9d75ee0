import { RacedeskError } from '@racedesk/core';
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
 * signed_up/approved, removed). The crew service takes no transaction, so this runs after the
 * episode's transaction commits; a failure makes the next run try again.
 */
export async function syncCrew(
  ctx: SgContext,
  orgId: number,
  matchId: number,
  wanted: WantedCrew[],
): Promise<number> {
  const crew = ctx.domain.crew;
  const current = await crew.ofMatches([matchId]);
  const want = new Set(wanted.map(key));
  const have = new Map(current.map((c) => [key(c), c]));
  let changes = 0;
  for (const c of current) {
    if (want.has(key(c))) continue;
    await crew.remove(orgId, matchId, c.id, SG_ACTOR);
    changes++;
  }
  for (const w of wanted) {
    const existing = have.get(key(w));
    if (existing) {
      if (!existing.approved) {
        await crew.setApproved(orgId, matchId, existing.id, true, SG_ACTOR);
        changes++;
      }
      continue;
    }
    try {
      await crew.signUp(orgId, matchId, { role: w.role, userId: w.userId }, SG_ACTOR);
      changes++;
    } catch (error) {
      // Another import added them first.
      if (!(error instanceof RacedeskError && error.code === 'RD_CREW_DUPLICATE')) throw error;
    }
  }
  return changes;
}
