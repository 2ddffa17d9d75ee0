import { defineEvent, defineNotification, type NotificationType } from '@racedesk/core';
import { Type } from 'typebox';

// Other plugins' events, referenced by name only (a plugin never imports another plugin's code).
const loose = Type.Object(
  { matchId: Type.Union([Type.Integer(), Type.Null()]) },
  { additionalProperties: true },
);
const RoomCreated = defineEvent('racetime.room.created', loose, "A match's race room was opened");
const RoomSkipped = defineEvent('racetime.room.skipped', loose, "A match's race room was not opened");
const RoomAtRisk = defineEvent(
  'racetime.room.at_risk',
  loose,
  "A match's race room will not open unless fixed",
);

const SyncFinished = defineEvent(
  'speedgaming.sync.finished',
  Type.Object(
    { tournamentId: Type.Integer(), status: Type.String(), errors: Type.Integer() },
    { additionalProperties: true },
  ),
  'A SpeedGaming import finished',
);

/**
 * Notification types for events of other plugins (the core declares the match ones). Each is
 * registered only when its event exists on this instance.
 */
export const OPTIONAL_NOTIFICATIONS: NotificationType[] = [
  defineNotification({
    event: RoomCreated,
    description: 'The race room of your match opened (with the room link)',
    // Rooms opened outside a match (matchId null) have nobody to tell.
    recipients: async (e, lookup) =>
      e.payload.matchId === null
        ? []
        : [...(await lookup.matchPlayers(e.payload.matchId)), ...(await lookup.matchCrew(e.payload.matchId))],
  }),
  defineNotification({
    event: RoomSkipped,
    description: 'Organizer alert: a race room was not opened, and why',
    recipients: async (e, lookup) => (e.orgId ? lookup.organizers(e.orgId) : []),
  }),
  defineNotification({
    event: RoomAtRisk,
    description: 'Organizer alert: a race room will not open unless something is fixed',
    recipients: async (e, lookup) => (e.orgId ? lookup.organizers(e.orgId) : []),
  }),
  defineNotification({
    event: SyncFinished,
    description: 'Organizer alert: a SpeedGaming import failed or rejected episodes',
    // Only problems are worth a DM: a clean import tells nobody.
    recipients: async (e, lookup) =>
      e.orgId !== null && (e.payload.status !== 'succeeded' || e.payload.errors > 0)
        ? lookup.organizers(e.orgId)
        : [],
  }),
] as NotificationType[];
