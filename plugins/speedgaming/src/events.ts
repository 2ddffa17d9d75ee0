import { defineEvent } from '@racedesk/core';
import { Type } from 'typebox';

/**
 * A match was created from a SpeedGaming episode. `racetimeAutoRooms` carries the tournament's
 * choice for racetime rooms (null: racetime's own settings decide); speedgaming does not depend on racetime.
 */
export const EpisodeImported = defineEvent(
  'speedgaming.episode.imported',
  Type.Object({
    matchId: Type.Integer(),
    tournamentId: Type.Integer(),
    episodeId: Type.Integer(),
    racetimeAutoRooms: Type.Union([Type.Boolean(), Type.Null()]),
  }),
  'A SpeedGaming episode became a match',
);

/** An import run finished (also when it failed: then nothing changed). */
export const SyncFinished = defineEvent(
  'speedgaming.sync.finished',
  Type.Object({
    syncId: Type.Integer(),
    tournamentId: Type.Integer(),
    status: Type.String(),
    imported: Type.Integer(),
    updated: Type.Integer(),
    cancelled: Type.Integer(),
    errors: Type.Integer(),
  }),
  'A SpeedGaming import finished',
);

/** The plugin's events. */
export const SPEEDGAMING_EVENTS = [EpisodeImported, SyncFinished];
