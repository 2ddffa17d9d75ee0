import { conflict, notFound, systemActor, unprocessable } from '@racedesk/core';
import type { Knex } from 'knex';
import { isRacetimeError } from '../clients/racetime-errors.js';
import { BotCreatedRace, RoomCreated } from '../events.js';
import { followRooms } from '../jobs/follow-rooms.js';
import { openRoom } from '../jobs/open-room.js';
import type { MatchSettingsValue, TournamentSettingsValue } from '../schemas/tournament-settings.js';
import { accountLinks } from './account-links.js';
import { type MatchFacts, readMatch } from './match-reader.js';
import { type ManualOverrides, raceSettingsOf } from './race-settings-of.js';
import { automaticChecks, earlyChecks, type FailedCheck } from './room-checks.js';
import { type RoomRow, roomRepository, STALE_CLAIM_MS } from './room-repository.js';
import { roomSkips } from './room-skips.js';
import { type RacetimeContext, runtimeOf } from './runtime.js';
import { settingsRepository } from './settings-repository.js';

export type { ManualOverrides } from './race-settings-of.js';

/** What happened to an opening attempt. */
export type OpenOutcome =
  | { kind: 'opened'; room: RoomRow }
  | { kind: 'skipped'; check: FailedCheck }
  | { kind: 'failed'; error: Error }
  | { kind: 'busy' };

const actor = systemActor('racetime');

/** The tournament's settings and the match's overrides, read once per opening. */
interface RoomSettings {
  settings: TournamentSettingsValue;
  overrides: MatchSettingsValue;
}
const LIVE = ['opening', 'open', 'in_progress', 'finished'];

/**
 * Opens a match's room exactly once: checks, claims the match's row (a unique row per match, so only
 * one caller of any instance wins), then `startrace` with a marker in `info_bot`. When the outcome is
 * uncertain (timeout, crash) the claim is kept and whoever takes it over later finds the room by its
 * marker instead of opening a second one.
 */
export function roomOpener(ctx: RacetimeContext) {
  const { db, clock } = ctx;
  const skips = roomSkips(ctx);

  async function open(
    match: MatchFacts,
    { settings, overrides }: RoomSettings,
    manual: ManualOverrides,
    isManual: boolean,
    openAt: Date | null,
  ) {
    const runtime = runtimeOf(ctx);
    const botId = settings.botId!;
    let connection: Awaited<ReturnType<typeof runtime.bots.connection>>;
    try {
      connection = await runtime.bots.connection(botId);
      await connection.tokens.token();
    } catch (error) {
      if (isRacetimeError(error) && error.retryable) return transient(match, null, error, openAt, !isManual);
      const detail = `The bot cannot connect: ${(error as Error).message}`;
      await skips.skip(match, { reason: 'bot_not_connected', detail }, openAt);
      return { kind: 'skipped', check: { reason: 'bot_not_connected', detail } } as const;
    }
    const claim = { matchId: match.id, orgId: match.orgId, tournamentId: match.tournamentId, botId };
    const claimed = await roomRepository.claim(
      db,
      { ...claim, instanceId: runtime.settings.instanceId },
      clock.now(),
    );
    if (!claimed) return { kind: 'busy' } as const;
    const { bot, tokens } = connection;
    const marker = claimed.room.marker!;
    const category = (token: string) => runtime.http.categoryData(bot.category, token);
    let name: string | null = null;
    let chosen = { goal: '', invitational: true };
    try {
      const goals = await runtime.goals.goals(bot.category, () => tokens.withToken(category));
      const { race, goalText } = raceSettingsOf({
        match,
        settings,
        overrides,
        manual,
        categoryGoals: goals,
        marker,
      });
      chosen = { goal: goalText, invitational: race.invitational };
      // A claim taken over from a crashed or timed-out opener: its room may exist (racetime.gg caches
      // category data up to 60 s, less than STALE_CLAIM_MS, so a room that exists is listed by now).
      if (claimed.previousMarker) {
        const { currentRaces } = await tokens.withToken(category);
        name = currentRaces.find((r) => r.info.includes(marker))?.name ?? null;
      }
      if (!name) {
        name = (await tokens.withToken((token) => runtime.http.startRace(bot.category, token, race))).name;
      }
    } catch (error) {
      if (isRacetimeError(error) && error.uncertain) {
        name = await tokens
          .withToken(category)
          .then((data) => data.currentRaces.find((r) => r.info.includes(marker))?.name ?? null)
          .catch(() => null);
        // Still unknown: keep the claim; once stale, the retry below takes it over and looks again.
        if (!name) {
          const at = new Date(clock.now().getTime() + STALE_CLAIM_MS + 1_000);
          await ctx.scheduler.schedule(
            openRoom,
            at,
            { orgId: match.orgId, matchId: match.id },
            `match:${match.id}`,
          );
          return { kind: 'failed', error: error as Error } as const;
        }
      } else if (isRacetimeError(error) && error.retryable) {
        return transient(match, claimed.room.id, error, openAt, !isManual);
      } else {
        const check: FailedCheck = { reason: 'startrace_failed', detail: (error as Error).message };
        await skips.skip(match, check, openAt, ['opening']);
        return { kind: 'skipped', check } as const;
      }
    }
    const room = await db.transaction((trx) => saveOpened(trx, match, claimed.room, name!, isManual, chosen));
    // An `api` instance (a moderator's "open now") holds no sockets: a worker takes the unheld room at once.
    if (runtime.leases.holdsRooms) runtime.rooms.follow(name!, bot.id);
    else await ctx.scheduler.now(followRooms, {});
    return { kind: 'opened', room } as const;
  }

  async function transient(
    match: MatchFacts,
    roomId: number | null,
    error: Error,
    openAt: Date | null,
    retry: boolean,
  ) {
    const id = roomId ?? (await ensureRow(match, openAt));
    await skips.fail(match, id, error, openAt, retry);
    return { kind: 'failed', error } as const;
  }

  async function ensureRow(match: MatchFacts, openAt: Date | null): Promise<number> {
    await roomRepository.plan(
      db,
      { matchId: match.id, orgId: match.orgId, tournamentId: match.tournamentId, openAt },
      clock.now(),
    );
    return (await roomRepository.byMatch(db, match.id))!.id;
  }

  /** Links the room to the match, takes its lease, checks the match in, and announces the room. */
  async function saveOpened(
    trx: Knex.Transaction,
    match: MatchFacts,
    claimed: RoomRow,
    name: string,
    isManual: boolean,
    chosen: { goal: string; invitational: boolean },
  ) {
    const runtime = runtimeOf(ctx);
    const links = await accountLinks.forUsers(trx, match.playerIds);
    const invited = match.playerIds.flatMap((userId) => {
      const link = links.get(userId);
      return link ? [{ userId, racetimeId: link.racetimeId }] : [];
    });
    const notInvited = match.playerIds
      .filter((id) => !links.has(id))
      .map((userId) => ({ userId, reason: 'no linked racetime account' }));
    const now = clock.now();
    const [category, slug] = name.split('/') as [string, string];
    const [row] = await trx('racetime_match_rooms')
      .where({ id: claimed.id })
      .update({
        status: 'open',
        slug: name,
        category,
        opened_at: now,
        claimed_by: null,
        failures: 0,
        retry_at: null,
        skip_reason: null,
        skip_detail: null,
        last_race: null,
        results_recorded_at: null,
        ...(runtime.leases.holdsRooms
          ? {
              lease_holder: runtime.settings.instanceId,
              lease_expires_at: new Date(now.getTime() + runtime.settings.leaseMs),
            }
          : { lease_holder: null, lease_expires_at: null }),
        invited: JSON.stringify(invited),
        not_invited: JSON.stringify(notInvited),
        updated_at: now,
      })
      .returning('*');
    if (match.state === 'scheduled')
      await ctx.domain.matches.setState(match.id, 'checked_in', actor, { trx });
    const ref = {
      category,
      roomSlug: name,
      roomName: slug,
      matchId: match.id,
      tournamentId: match.tournamentId,
    };
    const meta = { actor, orgId: match.orgId };
    // Emitted in the same turn: one outbox insert for both, dispatched in this order.
    await Promise.all([
      ctx.events.emit(BotCreatedRace, { ...ref, ...chosen, botAction: 'create' }, meta, trx),
      ctx.events.emit(
        RoomCreated,
        {
          ...ref,
          url: `${runtime.settings.racetimeUrl}/${name}`,
          manual: isManual,
          invited: invited.length,
          notInvited,
        },
        meta,
        trx,
      ),
    ]);
    return roomRepository.normalize(row as RoomRow);
  }

  return {
    /** The scheduled path: every check of seed 000, a recorded skip reason when one fails. */
    async openAutomatically(matchId: number): Promise<OpenOutcome> {
      const match = await readMatch(ctx, matchId);
      if (!match) return { kind: 'busy' };
      const { settings, overrides } = await settingsRepository.forMatch(db, match.tournamentId, matchId);
      const openAt = new Date(match.scheduledAt.getTime() - settings.openMinutesBefore * 60_000);
      const existing = await roomRepository.byMatch(db, matchId);
      const stale =
        existing?.status === 'opening' &&
        (existing.claimed_at?.getTime() ?? 0) < clock.now().getTime() - STALE_CLAIM_MS;
      if (existing && !stale && LIVE.includes(existing.status)) return { kind: 'busy' };
      if (existing?.status === 'failed' && existing.retry_at && existing.retry_at > clock.now())
        return { kind: 'busy' };
      const failed = await automaticChecks(db, match, settings, overrides, clock.now());
      if (failed) {
        await skips.skip(match, failed, openAt);
        return { kind: 'skipped', check: failed };
      }
      return open(match, { settings, overrides }, {}, false, openAt);
    },

    /** The manual path: 404 for another org's match, 409 when a room exists, 422 when a check fails. */
    async openManually(orgId: number, matchId: number, overrides: ManualOverrides): Promise<RoomRow> {
      const match = await readMatch(ctx, matchId);
      if (!match || match.orgId !== orgId) throw notFound('RD_MATCH_NOT_FOUND', `No match ${matchId}`);
      const existing = await roomRepository.byMatch(db, matchId);
      if (existing && LIVE.includes(existing.status))
        throw conflict('RD_RACETIME_ROOM_EXISTS', `Match ${matchId} already has a room (${existing.status})`);
      const stored = await settingsRepository.forMatch(db, match.tournamentId, match.id);
      const failed = await earlyChecks(db, match, stored.settings);
      if (failed) throw unprocessable(`RD_RACETIME_${failed.reason.toUpperCase()}`, failed.detail);
      const outcome = await open(match, stored, overrides, true, null);
      if (outcome.kind === 'opened') return outcome.room;
      if (outcome.kind === 'busy')
        throw conflict('RD_RACETIME_ROOM_EXISTS', `Match ${matchId} already has a room`);
      if (outcome.kind === 'failed') throw outcome.error;
      throw unprocessable(`RD_RACETIME_${outcome.check.reason.toUpperCase()}`, outcome.check.detail);
    },
  };
}
