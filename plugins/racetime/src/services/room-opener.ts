import { conflict, systemActor, unprocessable } from '@racedesk/core';
import { botActions } from '../clients/bot-actions.js';
import type { RaceSettings } from '../clients/race-form.js';
import { isRacetimeError } from '../clients/racetime-errors.js';
import { BotCreatedRace, EntrantInvited, RoomCreated, RoomSkipped } from '../events.js';
import type { RoomProfileValue } from '../schemas/tournament-settings.js';
import { accountLinks } from './account-links.js';
import { type MatchFacts, readMatch } from './match-reader.js';
import { automaticChecks, earlyChecks, type FailedCheck } from './room-checks.js';
import { type RoomRow, roomRepository, STALE_CLAIM_MS } from './room-repository.js';
import { type RacetimeContext, runtimeOf } from './runtime.js';
import { settingsRepository } from './settings-repository.js';

/** What happened to an opening attempt. */
export type OpenOutcome =
  | { kind: 'opened'; room: RoomRow }
  | { kind: 'skipped'; check: FailedCheck }
  | { kind: 'busy' };

/** Manual overrides of `POST .../matches/:id/room`. */
export interface ManualOverrides {
  goal?: string;
  invitational?: boolean;
}

const actor = systemActor('racetime');

/**
 * Opens a match's room exactly once: checks, claims the match row, then `startrace` with a marker in
 * `info_bot`; when the outcome is uncertain (timeout, crash) it finds the room by its marker instead
 * of opening another. Then invites the linked players and says in chat who could not be invited.
 */
export function roomOpener(ctx: RacetimeContext) {
  const { db, clock } = ctx;

  async function skip(match: MatchFacts, check: FailedCheck, openAt: Date | null): Promise<OpenOutcome> {
    await db.transaction(async (trx) => {
      const [before] = await trx('racetime_match_rooms')
        .where({ match_id: match.id })
        .select('skip_reason', 'status');
      if (before && !['pending', 'skipped', 'failed', 'cancelled'].includes(before.status)) return;
      await trx('racetime_match_rooms')
        .insert({
          match_id: match.id,
          org_id: match.orgId,
          tournament_id: match.tournamentId,
          status: 'skipped',
          skip_reason: check.reason,
          skip_detail: check.detail,
          skipped_at: clock.now(),
          open_at: openAt,
          created_at: clock.now(),
          updated_at: clock.now(),
        })
        .onConflict('match_id')
        .merge(['status', 'skip_reason', 'skip_detail', 'skipped_at', 'updated_at']);
      // The same reason again (sweep retries) is not announced twice.
      if (before?.skip_reason === check.reason && before.status === 'skipped') return;
      await ctx.events.emit(
        RoomSkipped,
        {
          matchId: match.id,
          tournamentId: match.tournamentId,
          ...check,
          openAt: openAt?.toISOString() ?? null,
        },
        { actor, orgId: match.orgId },
        trx,
      );
    });
    return { kind: 'skipped', check };
  }

  return {
    /** The scheduled path: every check of seed 000, a skip reason when one fails. */
    async openAutomatically(matchId: number): Promise<OpenOutcome> {
      const match = await readMatch(db, matchId);
      if (!match) return { kind: 'busy' };
      const settings = await settingsRepository.tournament(db, match.tournamentId);
      const overrides = await settingsRepository.match(db, matchId);
      const openAt = new Date(match.scheduledAt.getTime() - settings.openMinutesBefore * 60_000);
      const existing = await roomRepository.byMatch(db, matchId);
      const staleClaim =
        existing?.status === 'opening' &&
        (existing.claimed_at?.getTime() ?? 0) < clock.now().getTime() - STALE_CLAIM_MS;
      if (existing && !staleClaim && ['opening', 'open', 'in_progress', 'finished'].includes(existing.status))
        return { kind: 'busy' };
      const failed = await automaticChecks(db, match, settings, overrides, clock.now());
      if (failed) return skip(match, failed, openAt);
      return open(match, {}, false, openAt);
    },

    /** The manual path: 409 when a room exists, 422 when the bot or links are missing. */
    async openManually(orgId: number, matchId: number, overrides: ManualOverrides): Promise<RoomRow> {
      const match = await readMatch(db, matchId);
      if (!match || match.orgId !== orgId) throw unprocessable('RD_MATCH_NOT_FOUND', `No match ${matchId}`);
      const existing = await roomRepository.byMatch(db, matchId);
      if (existing?.slug && ['opening', 'open', 'in_progress', 'finished'].includes(existing.status))
        throw conflict('RD_RACETIME_ROOM_EXISTS', `Match ${matchId} already has room ${existing.slug}`);
      const settings = await settingsRepository.tournament(db, match.tournamentId);
      const failed = await earlyChecks(db, match, settings);
      if (failed) throw unprocessable(`RD_RACETIME_${failed.reason.toUpperCase()}`, failed.detail);
      const outcome = await open(match, overrides, true, null);
      if (outcome.kind === 'opened') return outcome.room;
      if (outcome.kind === 'busy')
        throw conflict('RD_RACETIME_ROOM_EXISTS', `Match ${matchId} already has a room`);
      throw unprocessable(`RD_RACETIME_${outcome.check.reason.toUpperCase()}`, outcome.check.detail);
    },
  };

  async function open(
    match: MatchFacts,
    manual: ManualOverrides,
    isManual: boolean,
    openAt: Date | null,
  ): Promise<OpenOutcome> {
    const runtime = runtimeOf(ctx);
    const settings = await settingsRepository.tournament(db, match.tournamentId);
    const overrides = await settingsRepository.match(db, match.id);
    const botId = settings.botId!;
    let connection: Awaited<ReturnType<typeof runtime.bots.connection>>;
    try {
      connection = await runtime.bots.connection(botId);
      await connection.tokens.token();
    } catch (error) {
      return skip(
        match,
        { reason: 'bot_not_connected', detail: `The bot cannot connect: ${(error as Error).message}` },
        openAt,
      );
    }
    const claimed = await roomRepository.claim(
      db,
      {
        matchId: match.id,
        orgId: match.orgId,
        tournamentId: match.tournamentId,
        botId,
        instanceId: runtime.settings.instanceId,
      },
      clock.now(),
    );
    if (!claimed) return { kind: 'busy' };
    const { bot, tokens } = connection;
    const marker = claimed.room.marker!;
    const findByMarker = async (): Promise<string | null> => {
      const category = await tokens.withToken((token) => runtime.http.categoryData(bot.category, token));
      return category.currentRaces.find((r) => r.info.includes(marker))?.name ?? null;
    };
    const category = await tokens
      .withToken((token) => runtime.http.categoryData(bot.category, token))
      .catch(() => null);
    const goalText =
      manual.goal ??
      overrides.goal ??
      settings.defaultGoal ??
      settings.roomProfile.goal ??
      settings.roomProfile.customGoal ??
      'Beat the game';
    const raceSettings = toRaceSettings(settings.roomProfile, {
      goal: category?.goals.includes(goalText) ? { name: goalText } : { custom: goalText },
      invitational: manual.invitational ?? overrides.invitational ?? settings.roomProfile.invitational,
      infoUser:
        settings.roomProfile.info ?? `${match.tournamentName} - ${match.title ?? `Match #${match.id}`}`,
      infoBot: marker,
    });
    let name: string | null = claimed.previousMarker ? await findByMarker().catch(() => null) : null;
    if (!name) {
      try {
        name = (await tokens.withToken((token) => runtime.http.startRace(bot.category, token, raceSettings)))
          .name;
      } catch (error) {
        if (isRacetimeError(error) && error.uncertain) {
          name = await findByMarker().catch(() => null);
          // Still unknown: keep the claim; once it is stale the sweep looks for the marker again.
          if (!name) return { kind: 'busy' };
        } else {
          await db('racetime_match_rooms')
            .where({ id: claimed.room.id })
            .update({ status: 'failed', updated_at: clock.now() });
          return skip(match, { reason: 'startrace_failed', detail: (error as Error).message }, openAt);
        }
      }
    }
    const links = await accountLinks.forUsers(db, match.playerIds);
    const invited = match.playerIds.flatMap((userId) => {
      const link = links.get(userId);
      return link ? [{ userId, racetimeId: link.racetimeId, racetimeName: link.racetimeName }] : [];
    });
    const notInvited = match.playerIds
      .filter((id) => !links.has(id))
      .map((userId) => ({ userId, reason: 'no linked racetime account' }));
    const url = `${runtime.settings.racetimeUrl}/${name}`;
    const room = await db.transaction(async (trx) => {
      const [row] = await trx('racetime_match_rooms')
        .where({ id: claimed.room.id })
        .update({
          status: 'open',
          slug: name,
          category: bot.category,
          opened_at: clock.now(),
          claimed_by: null,
          invited: JSON.stringify(invited.map(({ userId, racetimeId }) => ({ userId, racetimeId }))),
          not_invited: JSON.stringify(notInvited),
          updated_at: clock.now(),
        })
        .returning('*');
      const ref = {
        category: bot.category,
        roomSlug: name!,
        roomName: name!.split('/')[1] ?? name!,
        matchId: match.id,
        tournamentId: match.tournamentId,
      };
      const meta = { actor, orgId: match.orgId };
      await ctx.events.emit(
        BotCreatedRace,
        { ...ref, goal: goalText, invitational: raceSettings.invitational, botAction: 'create' },
        meta,
        trx,
      );
      for (const p of invited)
        await ctx.events.emit(
          EntrantInvited,
          {
            ...ref,
            racetimeUserId: p.racetimeId,
            racetimeUserName: p.racetimeName,
            userId: p.userId,
            resolvedAs: 'linked',
            raceStatus: raceSettings.invitational ? 'invitational' : 'open',
          },
          meta,
          trx,
        );
      await ctx.events.emit(
        RoomCreated,
        { ...ref, url, manual: isManual, invited: invited.length, notInvited },
        meta,
        trx,
      );
      return row as RoomRow;
    });
    const socket = runtime.rooms.socketFor(bot.id, name);
    for (const p of invited) socket.send(botActions.invite(p.racetimeId));
    if (notInvited.length) {
      const names = await Promise.all(
        notInvited.map(async (p) => (await ctx.users.byId(p.userId))?.displayName ?? `user ${p.userId}`),
      );
      socket.send(
        botActions.message(`Could not invite ${names.join(', ')}: no linked racetime account.`, {
          guid: `rd-uninvited-${match.id}-${claimed.room.attempt}`,
        }),
      );
    }
    return { kind: 'opened', room: { ...room, id: Number(room.id) } };
  }
}

function toRaceSettings(
  profile: RoomProfileValue,
  fixed: Pick<RaceSettings, 'goal' | 'invitational' | 'infoUser' | 'infoBot'>,
): RaceSettings {
  return {
    ...fixed,
    unlisted: profile.unlisted,
    ranked: true,
    teamRace: profile.teamRace,
    requireEvenTeams: profile.requireEvenTeams,
    startDelaySeconds: profile.startDelaySeconds,
    timeLimitHours: profile.timeLimitHours,
    timeLimitAutoComplete: false,
    streamingRequired: profile.streamingRequired,
    autoStart: profile.autoStart,
    allowComments: profile.allowComments,
    hideComments: profile.hideComments,
    allowPreraceChat: profile.allowPreraceChat,
    allowMidraceChat: profile.allowMidraceChat,
    allowNonEntrantChat: profile.allowNonEntrantChat,
    chatMessageDelaySeconds: profile.chatMessageDelaySeconds,
  };
}
