import type { RacetimeEntrant, RacetimeRace, RacetimeUser } from '../clients/race-data.js';

/** Who an entrant change is about (racetime user id, name, full name). */
export type EntrantRef = Pick<RacetimeUser, 'id' | 'name' | 'fullName'>;

/** The race itself changed status (`open` → `pending`, `in_progress` → `finished`, ...). */
export interface RaceStatusChanged {
  kind: 'race_status_changed';
  from: string;
  to: string;
  entrantCount: number;
  startedAt: string | null;
  endedAt: string | null;
}

/** Someone appeared in the room on their own: joined an open race or asked to join (`requested`). */
export interface EntrantJoined {
  kind: 'entrant_joined';
  entrant: EntrantRef;
  status: string;
}

/** Someone appeared in the room as `invited` (by a bot or a monitor). */
export interface EntrantInvited {
  kind: 'entrant_invited';
  entrant: EntrantRef;
}

/** Someone is no longer in the room (left, removed, declined, or dropped unready at the start). */
export interface EntrantLeft {
  kind: 'entrant_left';
  entrant: EntrantRef;
  lastStatus: string;
}

/** An entrant's status changed (`ready`, `done` with place and time, `dnf`, ...). */
export interface EntrantStatusChanged {
  kind: 'entrant_status_changed';
  entrant: EntrantRef;
  from: string;
  to: string;
  place: number | null;
  /** ISO 8601 duration as racetime.gg wrote it (`P0DT01H32M10.482913S`), or `null`. */
  finishTime: string | null;
  finishedAt: string | null;
}

/** One change between two `race.data` frames. */
export type RaceChange =
  | RaceStatusChanged
  | EntrantJoined
  | EntrantInvited
  | EntrantLeft
  | EntrantStatusChanged;

/** Options of {@link diffRace}. */
export interface DiffOptions {
  /**
   * `next` is the first `race.data` after (re)connecting: a snapshot, so who is in the room now is not
   * reported as joins or leaves; status changes against the last known state still are.
   */
  baseline?: boolean;
}

/**
 * What changed from `previous` to `next`: race status first, then entrants (leaves, joins, status
 * changes, in `next`'s entrant order). Without a previous race there is nothing to compare: no changes.
 * Entrants without a stable identity (deleted accounts, hidden-entrant pseudonyms with `id: ""`) are
 * not tracked.
 */
export function diffRace(
  previous: RacetimeRace | null,
  next: RacetimeRace,
  options: DiffOptions = {},
): RaceChange[] {
  if (!previous) return [];
  const changes: RaceChange[] = [];
  if (previous.status !== next.status)
    changes.push({
      kind: 'race_status_changed',
      from: previous.status,
      to: next.status,
      entrantCount: next.entrants.length,
      startedAt: next.startedAt,
      endedAt: next.endedAt,
    });
  const before = byUserId(previous.entrants);
  const after = byUserId(next.entrants);
  const membership = !options.baseline;
  if (membership)
    for (const [id, old] of before)
      if (!after.has(id)) changes.push({ kind: 'entrant_left', entrant: ref(old), lastStatus: old.status });
  for (const [id, entrant] of after) {
    const old = before.get(id);
    if (!old) {
      if (!membership) continue;
      changes.push(
        entrant.status === 'invited'
          ? { kind: 'entrant_invited', entrant: ref(entrant) }
          : { kind: 'entrant_joined', entrant: ref(entrant), status: entrant.status },
      );
    } else if (old.status !== entrant.status) {
      changes.push({
        kind: 'entrant_status_changed',
        entrant: ref(entrant),
        from: old.status,
        to: entrant.status,
        place: entrant.place,
        finishTime: entrant.finishTime,
        finishedAt: entrant.finishedAt,
      });
    }
  }
  return changes;
}

type TrackedEntrant = RacetimeEntrant & { user: RacetimeUser };

function byUserId(entrants: RacetimeEntrant[]): Map<string, TrackedEntrant> {
  const map = new Map<string, TrackedEntrant>();
  for (const entrant of entrants) if (entrant.user?.id) map.set(entrant.user.id, entrant as TrackedEntrant);
  return map;
}

const ref = (entrant: TrackedEntrant): EntrantRef => ({
  id: entrant.user.id,
  name: entrant.user.name,
  fullName: entrant.user.fullName,
});

/** Milliseconds of a racetime duration (`P0DT01H32M10.482913S`, `PT1H2M3S`); `null` if unreadable. */
export function durationToMillis(duration: string): number | null {
  const match = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(duration);
  if (!match || duration === 'P' || duration.endsWith('T')) return null;
  const [, sign, d, h, m, s] = match;
  const ms = ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(m ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
  return Math.round(sign ? -ms : ms);
}
