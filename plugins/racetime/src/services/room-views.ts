import type { Static } from 'typebox';
import type { RacetimeRace } from '../clients/race-data.js';
import type { MatchRoom } from '../schemas/room.js';
import { accountLinks } from './account-links.js';
import type { RoomRow } from './room-repository.js';
import { type RacetimeContext, runtimeOf } from './runtime.js';

/** A match's room as the API shows it. */
export type RoomView = Static<typeof MatchRoom>;

/** The stored race (`last_race`, the last race.data the tracker stored), or null before the first. */
const raceOf = (row: RoomRow | undefined) => (row?.last_race ?? null) as RacetimeRace | null;

/** Racetime ids of the entrants of these rooms' races (hidden entrants have none). */
const entrantIdsOf = (rows: ReadonlyArray<RoomRow | undefined>) => [
  ...new Set(
    rows.flatMap((row) => (raceOf(row)?.entrants ?? []).flatMap((e) => (e.user?.id ? [e.user.id] : []))),
  ),
];

/**
 * Builds room views: status, link, invitations, skip reason, and the race with its entrants as last
 * stored, each entrant resolved to the linked Racedesk user (one query for all the rooms).
 */
export async function roomViews(
  ctx: RacetimeContext,
  rows: ReadonlyArray<RoomRow | undefined>,
): Promise<RoomView[]> {
  const links = await accountLinks.forRacetimeIds(ctx.db, entrantIdsOf(rows));
  const base = runtimeOf(ctx).settings.racetimeUrl;
  return rows.map((row) => {
    const race = raceOf(row);
    return {
      status: row?.status ?? 'none',
      slug: row?.slug ?? null,
      url: row?.slug ? `${base}/${row.slug}` : null,
      invited: row?.invited ?? [],
      notInvited: row?.not_invited ?? [],
      skipReason: row?.skip_reason ?? null,
      skipDetail: row?.skip_detail ?? null,
      openAt: row?.open_at ?? null,
      race: race
        ? { status: race.status, startedAt: race.startedAt ?? null, endedAt: race.endedAt ?? null }
        : null,
      entrants: (race?.entrants ?? []).map((e) => ({
        racetimeId: e.user?.id || null,
        racetimeName: e.user?.fullName ?? e.user?.name ?? 'deleted account',
        userId: (e.user?.id && links.get(e.user.id)) || null,
        status: e.status,
        place: e.place ?? null,
        finishTime: e.finishTime ?? null,
      })),
    };
  });
}

/** One room's view. */
export async function roomView(ctx: RacetimeContext, row: RoomRow | undefined): Promise<RoomView> {
  const [view] = await roomViews(ctx, [row]);
  return view!;
}
