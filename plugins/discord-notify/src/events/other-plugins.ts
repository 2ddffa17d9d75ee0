import { defineEvent } from '@racedesk/core';
import { Type } from 'typebox';

// Other plugins' events, declared here by name only (a plugin never imports another plugin's code).
// The schemas list just the fields this plugin reads; the owners' payloads carry more.
const loose = Type.Object(
  {
    matchId: Type.Union([Type.Integer(), Type.Null()]),
    tournamentId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  },
  { additionalProperties: true },
);

/** racetime: a match's race room was opened. */
export const RoomCreated = defineEvent('racetime.room.created', loose, "A match's race room was opened");
/** racetime: a match's race room was not opened. */
export const RoomSkipped = defineEvent('racetime.room.skipped', loose, "A match's race room was not opened");
/** racetime: a match's race room will not open unless something is fixed. */
export const RoomAtRisk = defineEvent(
  'racetime.room.at_risk',
  loose,
  "A match's race room will not open unless fixed",
);

/** speedgaming: an import run finished (with its status and rejected episodes). */
export const SyncFinished = defineEvent(
  'speedgaming.sync.finished',
  Type.Object(
    { tournamentId: Type.Integer(), status: Type.String(), errors: Type.Integer() },
    { additionalProperties: true },
  ),
  'A SpeedGaming import finished',
);

/** Whether an import run is worth telling organizers about: it failed or rejected episodes. */
export const importHadProblems = (payload: { status: string; errors: number }) =>
  payload.status !== 'succeeded' || payload.errors > 0;
