import { type StagedEvent, systemActor } from '@racedesk/core';
import type { Knex } from 'knex';
import type { RacetimeRace } from '../clients/race-data.js';
import type { RaceUpdate } from '../clients/race-socket.js';
import {
  BotJoinedRace,
  EntrantInvited,
  EntrantJoined,
  EntrantLeft,
  EntrantStatusChanged,
  RaceStatusChanged,
} from '../events.js';
import { diffRace, type EntrantRef, type RaceChange } from './race-diff.js';
import { type RoomRow, roomRepository } from './room-repository.js';
import { applyRaceToMatch, movesMatch, roomStatusOf } from './room-results.js';
import type { RacetimeContext } from './runtime.js';

const actor = systemActor('racetime');

/** What the socket holder should do after an update was stored. */
export interface UpdateFollowUp {
  room: RoomRow;
  race: RacetimeRace;
  /** Racetime ids of entrants asking to join who are players of the match. */
  acceptRequests: string[];
  /** Who of the entrants is linked to a user, as read with this update (batched updates reuse it). */
  links: RoomLinks;
  /** The room is over: stop following it. */
  done: boolean;
}

/** The entrants whose links were read (`checked`, at `readAt` ms), and the user each linked one is. */
export interface RoomLinks {
  checked: ReadonlySet<string>;
  users: ReadonlyMap<string, number>;
  readAt: number;
}

/**
 * Stores one `race.data` of a match room and turns it into events, exactly once across reconnects,
 * restarts and instances: the room row is locked, the update is diffed against the last stored race
 * (older or repeated versions are dropped), and events, match progress and the new race are written
 * in one transaction.
 *
 * `known` is the race this process last stored for the room (the caller keeps it). A frame not newer
 * than it is dropped without touching the database (the stored version only grows). When the race
 * status is unchanged, the room row is locked and written by one conditional update that only applies
 * if the stored version is still `known`'s; the diff is then against `known`, which is what is stored.
 * Otherwise (first frame, status change, or another instance wrote since) the row is locked and read.
 */
export async function applyRaceUpdate(
  ctx: RacetimeContext,
  name: string,
  update: RaceUpdate,
  options: { joined: boolean; known?: RacetimeRace | null },
): Promise<UpdateFollowUp | null> {
  const { race } = update;
  const known = options.known ?? null;
  if (known && known.version >= race.version) return null;
  const ids = entrantIds(race);
  return ctx.db.transaction(async (trx) => {
    const now = ctx.clock.now();
    let locked: LockedRoom | undefined;
    let stored: RacetimeRace | null = null;
    let written = false;
    if (known && known.status === race.status) {
      const result = (await trx.raw(
        `update racetime_match_rooms as r set last_race = ?::jsonb, updated_at = ?
         where r.slug = ? and (r.last_race->>'version')::bigint = ?
         returning r.*, ${LINKS_OF_IDS}`,
        [JSON.stringify(race), now, name, known.version, ids],
      )) as { rows: LockedRoom[] };
      locked = result.rows[0];
      if (locked) {
        stored = known;
        written = true;
      }
    }
    if (!locked) {
      const result = (await trx.raw(
        `select r.*, ${LINKS_OF_IDS} from racetime_match_rooms as r where r.slug = ? for update of r`,
        [ids, name],
      )) as { rows: LockedRoom[] };
      const row = result.rows[0];
      if (!row) return null;
      locked = row;
      stored = (row.last_race as RacetimeRace | null) ?? null;
      if (stored && stored.version >= race.version) return null;
    }
    const { rd_links: links, ...row } = locked;
    // The follow-up's room is kept by the tracker until the next one: without the stored race.
    row.last_race = null;
    const room = roomRepository.normalize(row);
    return afterLock(ctx, trx, name, [update], room, links, stored, { joined: options.joined, written });
  });
}

/**
 * The part of a room's updates (in order, the last one the race to store) after its row is locked (and,
 * when `written`, already holds the last race): events from the diff of each frame against the one
 * before (the first against `stored`), match progress on a status change, the row written otherwise.
 * `links` are the linked users of the entrants (`[racetimeId, userId]`).
 */
async function afterLock(
  ctx: RacetimeContext,
  trx: Knex.Transaction,
  name: string,
  updates: readonly RaceUpdate[],
  room: RoomRow,
  links: LockedRoom['rd_links'],
  stored: RacetimeRace | null,
  options: { joined: boolean; written: boolean },
): Promise<UpdateFollowUp> {
  const { race } = updates[updates.length - 1]!;
  const users = new Map(links.map(([racetimeId, userId]) => [racetimeId, Number(userId)]));
  const changes = changesOf(stored, updates);
  const ref = refOf(name, race, room);
  const meta = { actor, orgId: room.org_id };
  if (options.joined)
    await ctx.events.emit(
      BotJoinedRace,
      Object.assign(roomFields(ref), {
        raceStatus: race.status,
        entrantCount: race.entrants.length,
        botAction: 'join' as const,
      }),
      meta,
      trx,
    );
  for (const { event, payload } of changeEvents(changes, ref, users, race.status))
    await ctx.events.emit(event, payload, meta, trx);
  if (!options.written) {
    const fields: Record<string, unknown> = { last_race: JSON.stringify(race), updated_at: ctx.clock.now() };
    if (!stored || stored.status !== race.status) {
      fields.status = roomStatusOf(race.status);
      // A match the core refuses to move (closed, owned by another plugin) must not stop the room.
      try {
        if (movesMatch(race.status))
          Object.assign(fields, await trx.transaction((nested) => applyRaceToMatch(ctx, nested, room, race)));
      } catch (error) {
        ctx.logger.warn({ err: error, room: name, matchId: room.match_id }, 'match not updated from race');
      }
    }
    await trx('racetime_match_rooms').where({ id: room.id }).update(fields);
  }
  const requested = race.entrants.flatMap((e) => (e.status === 'requested' && e.user?.id ? [e.user.id] : []));
  const players = requested.length ? await matchPlayers(ctx, trx, room.match_id) : new Set<number>();
  return {
    room,
    race,
    acceptRequests: requested.filter((id) => players.has(users.get(id) ?? -1)),
    links: { checked: new Set(entrantIdsOf(updates)), users, readAt: ctx.clock.now().getTime() },
    done: race.status === 'cancelled' || race.status === 'partitioned',
  };
}

/**
 * The batched form of {@link applyRaceUpdate} for updates that only move known entrants (race status
 * unchanged, nobody new, nobody asking to join), each entry of a different room with one or more of its
 * frames in order, the race this process last stored for it (`known`), the room row and the entrants'
 * links that came with it. One statement, atomic on its own: it writes the last frame of every room
 * whose stored version is still `known`'s, and the events of those rooms (each frame diffed from
 * `known`), in one round trip. The row and the links are not read again: what the events and the
 * follow-up use of the row is set when the room opens, and links are read again by every update that
 * is not batched (the tracker sends one such after a while). An entry whose room was not written
 * (another instance stored a newer race, or the room is gone) comes back `undefined` for the caller to
 * apply alone.
 */
export async function applyRaceUpdates(
  ctx: RacetimeContext,
  items: ReadonlyArray<{
    name: string;
    updates: readonly RaceUpdate[];
    known: RacetimeRace;
    row: RoomRow;
    links: RoomLinks;
  }>,
): Promise<Array<UpdateFollowUp | undefined>> {
  const staged: StagedEvent[] = [];
  for (const { name, updates, known, row, links } of items) {
    const { race } = updates[updates.length - 1]!;
    const changes = changesOf(known, updates);
    const meta = { actor, orgId: row.org_id };
    for (const { event, payload } of changeEvents(changes, refOf(name, race, row), links.users, race.status))
      staged.push({ key: name, event, payload, meta });
  }
  // Rows are locked in id order, as the lease renewal locks them (no deadlock between the two).
  const { keys } = await ctx.events.writeWith(
    {
      sql: `with input as (
         select * from jsonb_to_recordset(?::jsonb) as v(slug text, race jsonb, version bigint)
       ), locked as (
         select r.id, input.race from racetime_match_rooms as r
         join input on r.slug = input.slug and (r.last_race->>'version')::bigint = input.version
         order by r.id
         for update of r
       ), gate as (
         update racetime_match_rooms as r set last_race = locked.race, updated_at = ?
         from locked where r.id = locked.id
         returning r.slug as key
       )`,
      bindings: [
        // One JSON document for the whole batch: no per-element array escaping of the races.
        JSON.stringify(
          items.map((i) => ({
            slug: i.name,
            race: i.updates[i.updates.length - 1]!.race,
            version: i.known.version,
          })),
        ),
        ctx.clock.now(),
      ],
    },
    staged,
  );
  return items.map(({ name, updates, row, links }) =>
    keys.has(name)
      ? {
          room: row,
          race: updates[updates.length - 1]!.race,
          acceptRequests: [],
          links,
          done: false,
        }
      : undefined,
  );
}

const entrantIds = (race: RacetimeRace) => race.entrants.flatMap((e) => (e.user?.id ? [e.user.id] : []));
/** Everyone who was an entrant in any of `updates` (one who left in between still has events). */
const entrantIdsOf = (updates: readonly RaceUpdate[]) => [
  ...new Set(updates.flatMap((u) => entrantIds(u.race))),
];

type LockedRoom = RoomRow & { rd_links: Array<[string, number | string]> };

// The linked users of the race's entrants, read with the room row (one round trip instead of two):
// `[[racetimeId, userId], ...]` for the racetime ids bound as a text array.
const LINKS_OF_IDS = `(select coalesce(json_agg(json_build_array(l.racetime_id, l.user_id)), '[]'::json)
    from racetime_account_links as l where l.racetime_id = any(?::text[])) as rd_links`;

async function matchPlayers(
  ctx: RacetimeContext,
  trx: Knex.Transaction,
  matchId: number,
): Promise<Set<number>> {
  const match = await ctx.domain.matches.get(matchId, trx);
  return new Set(match.players.map((p) => p.userId));
}

/** The changes of `updates` (in order), each frame diffed against the one before, the first against `from`. */
function changesOf(from: RacetimeRace | null, updates: readonly RaceUpdate[]): RaceChange[] {
  const changes: RaceChange[] = [];
  let previous = from;
  for (const update of updates) {
    changes.push(...diffRace(previous, update.race, { baseline: update.baseline }));
    previous = update.race;
  }
  return changes;
}

type RoomRef = ReturnType<typeof refOf>;

/** What every racetime room event says about its room. */
function refOf(name: string, race: RacetimeRace, room: RoomRow) {
  return {
    category: race.category,
    roomSlug: name,
    roomName: race.slug,
    matchId: room.match_id,
    tournamentId: room.tournament_id,
  };
}

/**
 * The events of a frame's changes (`users`: linked users by racetime id).
 *
 * Payloads are built with `Object.assign` onto a fresh literal, never as `{ ...ref, more }`: on Node 20
 * (V8 11.3) an object spread followed by more properties gives every object a hidden class of its own,
 * allocated in the old generation. At thousands of events a second those were most of what the process
 * kept, and the mark-compacts they set off made the fan-out's latency tail.
 */
function changeEvents(
  changes: readonly RaceChange[],
  ref: RoomRef,
  users: ReadonlyMap<string, number>,
  raceStatus: string,
): Array<Pick<StagedEvent, 'event' | 'payload'>> {
  return changes.map((change) => {
    if (change.kind === 'race_status_changed') {
      const { from, to, entrantCount, startedAt, endedAt } = change;
      return {
        event: RaceStatusChanged,
        payload: Object.assign(roomFields(ref), {
          oldStatus: from,
          newStatus: to,
          entrantCount,
          startedAt,
          endedAt,
        }),
      };
    }
    const userId = users.get(change.entrant.id) ?? null;
    const about = entrantFields(ref, change.entrant, userId, raceStatus);
    if (change.kind === 'entrant_joined')
      return { event: EntrantJoined, payload: Object.assign(about, { initialStatus: change.status }) };
    if (change.kind === 'entrant_invited') return { event: EntrantInvited, payload: about };
    if (change.kind === 'entrant_left')
      return { event: EntrantLeft, payload: Object.assign(about, { lastStatus: change.lastStatus }) };
    return {
      event: EntrantStatusChanged,
      payload: Object.assign(about, {
        oldStatus: change.from,
        newStatus: change.to,
        finishTime: change.finishTime,
        place: change.place,
      }),
    };
  });
}

/** A fresh copy of a room's reference fields (payloads grow from it; the shared `ref` stays as it is). */
const roomFields = (ref: RoomRef): RoomRef => ({
  category: ref.category,
  roomSlug: ref.roomSlug,
  roomName: ref.roomName,
  matchId: ref.matchId,
  tournamentId: ref.tournamentId,
});

/** The fields every entrant event starts with: the room, then who it is about. */
function entrantFields(ref: RoomRef, entrant: EntrantRef, userId: number | null, raceStatus: string) {
  return Object.assign(roomFields(ref), {
    racetimeUserId: entrant.id,
    racetimeUserName: entrant.fullName,
    userId,
    resolvedAs: userId === null ? ('unknown' as const) : ('linked' as const),
    raceStatus,
  });
}
