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
import { accountLinks } from './account-links.js';
import { diffRace } from './race-diff.js';
import { type RoomRow, roomRepository } from './room-repository.js';
import { applyRaceToMatch, roomStatusOf } from './room-results.js';
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
 */
export async function applyRaceUpdate(
  ctx: RacetimeContext,
  name: string,
  update: RaceUpdate,
  options: { joined: boolean },
): Promise<UpdateFollowUp | null> {
  const { race } = update;
  return ctx.db.transaction(async (trx) => {
    const locked = await trx('racetime_match_rooms').where({ slug: name }).forUpdate().first();
    if (!locked) return null;
    const room = roomRepository.normalize(locked);
    const stored = (room.last_race as RacetimeRace | null) ?? null;
    if (stored && stored.version >= race.version) return null;
    const changes = diffRace(stored, race, { baseline: update.baseline });
    const ids = race.entrants.flatMap((e) => (e.user?.id ? [e.user.id] : []));
    const users = await accountLinks.forRacetimeIds(trx, ids);
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
    const fields: Record<string, unknown> = { last_race: JSON.stringify(race), updated_at: ctx.clock.now() };
    if (!stored || stored.status !== race.status) {
      fields.status = roomStatusOf(race.status);
      // A match the core refuses to move (closed, owned by another plugin) must not stop the room.
      try {
        Object.assign(fields, await trx.transaction((nested) => applyRaceToMatch(ctx, nested, room, race)));
      } catch (error) {
        ctx.logger.warn({ err: error, room: name, matchId: room.match_id }, 'match not updated from race');
      }
    }
    await trx('racetime_match_rooms').where({ id: room.id }).update(fields);
    const requested = race.entrants.flatMap((e) =>
      e.status === 'requested' && e.user?.id ? [e.user.id] : [],
    );
    const players = requested.length ? await matchPlayers(ctx, trx, room.match_id) : new Set<number>();
    return {
      room,
      race,
      acceptRequests: requested.filter((id) => players.has(users.get(id) ?? -1)),
      done: race.status === 'cancelled' || race.status === 'partitioned',
    };
  });
}

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
  change: ReturnType<typeof diffRace>[number],
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
