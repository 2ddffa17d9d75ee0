import { defineEvent, defineSubscriber } from '@racedesk/core';
import { Type } from 'typebox';
import type { RacetimeConfigValue } from '../schemas/plugin-config.js';
import { roomSchedule } from '../services/room-schedule.js';
import { settingsRepository } from '../services/settings-repository.js';

/**
 * speedgaming's event, declared here by name (plugins never import each other): a match was created
 * from a SpeedGaming episode, with that tournament's choice for racetime rooms (null: racetime decides).
 */
export const SpeedGamingEpisodeImported = defineEvent(
  'speedgaming.episode.imported',
  Type.Object({
    matchId: Type.Integer(),
    tournamentId: Type.Integer(),
    episodeId: Type.Integer(),
    racetimeAutoRooms: Type.Union([Type.Boolean(), Type.Null()]),
  }),
);

/**
 * An imported match takes SpeedGaming's racetime choice as its own auto-create override, then its room
 * job is replanned. Optional: without the speedgaming plugin this subscriber is skipped at boot. An
 * override already on the match (an organizer's) is kept, so a redelivered event changes nothing.
 */
export const applyAutoRoomsOnEpisodeImported = defineSubscriber<
  typeof SpeedGamingEpisodeImported,
  RacetimeConfigValue
>({
  id: 'apply-auto-rooms-on-episode-imported',
  event: SpeedGamingEpisodeImported,
  durable: true,
  optional: true,
  handler: async (event, ctx) => {
    const { matchId, racetimeAutoRooms } = event.payload;
    if (racetimeAutoRooms === null) return;
    const applied = await ctx.db.transaction(async (trx) => {
      const current = await settingsRepository.match(trx, matchId);
      if (current.autoCreate !== null) return false;
      if (!(await trx('matches').where({ id: matchId }).first('id'))) return false;
      await settingsRepository.saveMatch(
        trx,
        matchId,
        { ...current, autoCreate: racetimeAutoRooms },
        ctx.clock.now(),
      );
      return true;
    });
    if (applied) await roomSchedule(ctx).planMatch(matchId);
  },
});
