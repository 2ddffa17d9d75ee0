import { systemActor } from '@racedesk/core';
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
import { diffRace, type RaceChange } from './race-diff.js';
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
  /** The room is over: stop following it. */
  done: boolean;
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
    const room = roomRepository.normalize({ ...row, last_race: null });
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
  const changes: RaceChange[] = [];
  let previous = stored;
  for (const update of updates) {
    changes.push(...diffRace(previous, update.race, { baseline: update.baseline }));
    previous = update.race;
  }
  const ref = {
    category: race.category,
    roomSlug: name,
    roomName: race.slug,
    matchId: room.match_id,
    tournamentId: room.tournament_id,
  };
  const meta = { actor, orgId: room.org_id };
  if (options.joined)
    await ctx.events.emit(
      BotJoinedRace,
      { ...ref, raceStatus: race.status, entrantCount: race.entrants.length, botAction: 'join' },
      meta,
      trx,
    );
  for (const change of changes) await emitChange(ctx, trx, change, ref, meta, users, race.status);
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
    done: race.status === 'cancelled' || race.status === 'partitioned',
  };
}

/**
 * The batched form of {@link applyRaceUpdate} for updates that leave the race status alone, each entry
 * of a different room with one or more of its frames in order, the race this process last stored for
 * it (`known`) and the room row that came with it (`row`): one transaction, one statement that locks
 * every room whose stored version is still `known`'s and writes its last frame, then each room's
 * events, frame by frame from `known`. The row is not read again: what the events and the follow-up
 * use of it (match, tournament, org, invites) is set when the room opens and does not change while it
 * is followed. An entry whose room was not written (another instance stored a newer race, or the room
 * is gone) comes back `undefined` for the caller to apply alone.
 */
export async function applyRaceUpdates(
  ctx: RacetimeContext,
  items: ReadonlyArray<{ name: string; updates: readonly RaceUpdate[]; known: RacetimeRace; row: RoomRow }>,
): Promise<Array<UpdateFollowUp | undefined>> {
  return ctx.db.transaction(async (trx) => {
    // Rows are locked in id order, as the lease renewal locks them (no deadlock between the two). Each
    // written room comes back with the links of its entrants only.
    const result = (await trx.raw(
      `with locked as (
         select r.id, v.race, v.ids
         from racetime_match_rooms as r
         join jsonb_to_recordset(?::jsonb) as v(slug text, race jsonb, version bigint, ids text[])
           on r.slug = v.slug and (r.last_race->>'version')::bigint = v.version
         order by r.id
         for update of r
       ), written as (
         update racetime_match_rooms as r set last_race = locked.race, updated_at = ?
         from locked where r.id = locked.id
         returning r.slug, locked.ids
       )
       select written.slug, (select coalesce(json_agg(json_build_array(l.racetime_id, l.user_id)), '[]'::json)
           from racetime_account_links as l where l.racetime_id = any(written.ids)) as rd_links
       from written`,
      [
        // One JSON document for the whole batch: no per-element array escaping of the races.
        JSON.stringify(
          items.map((i) => {
            const race = i.updates[i.updates.length - 1]!.race;
            return { slug: i.name, race, version: i.known.version, ids: entrantIdsOf(i.updates) };
          }),
        ),
        ctx.clock.now(),
      ],
    )) as { rows: Array<{ slug: string; rd_links: LockedRoom['rd_links'] }> };
    const links = new Map(result.rows.map((r) => [r.slug, r.rd_links]));
    // Concurrently, so that the rooms' events share one insert (the bus groups a transaction's emits).
    return Promise.all(
      items.map(({ name, updates, known, row }) => {
        const rdLinks = links.get(name);
        if (!rdLinks) return undefined;
        return afterLock(ctx, trx, name, updates, row, rdLinks, known, { joined: false, written: true });
      }),
    );
  });
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

async function emitChange(
  ctx: RacetimeContext,
  trx: Knex.Transaction,
  change: RaceChange,
  ref: { category: string; roomSlug: string; roomName: string; matchId: number; tournamentId: number },
  meta: { actor: typeof actor; orgId: number },
  users: Map<string, number>,
  raceStatus: string,
): Promise<void> {
  if (change.kind === 'race_status_changed') {
    const { from, to, entrantCount, startedAt, endedAt } = change;
    await ctx.events.emit(
      RaceStatusChanged,
      { ...ref, oldStatus: from, newStatus: to, entrantCount, startedAt, endedAt },
      meta,
      trx,
    );
    return;
  }
  const userId = users.get(change.entrant.id) ?? null;
  const who = {
    racetimeUserId: change.entrant.id,
    racetimeUserName: change.entrant.fullName,
    userId,
    resolvedAs: userId === null ? ('unknown' as const) : ('linked' as const),
    raceStatus,
  };
  if (change.kind === 'entrant_joined')
    await ctx.events.emit(EntrantJoined, { ...ref, ...who, initialStatus: change.status }, meta, trx);
  else if (change.kind === 'entrant_invited')
    await ctx.events.emit(EntrantInvited, { ...ref, ...who }, meta, trx);
  else if (change.kind === 'entrant_left')
    await ctx.events.emit(EntrantLeft, { ...ref, ...who, lastStatus: change.lastStatus }, meta, trx);
  else
    await ctx.events.emit(
      EntrantStatusChanged,
      {
        ...ref,
        ...who,
        oldStatus: change.from,
        newStatus: change.to,
        finishTime: change.finishTime,
        place: change.place,
      },
      meta,
      trx,
    );
}
