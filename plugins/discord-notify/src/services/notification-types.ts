import { defineNotification, type NotificationType } from '@racedesk/core';
import {
  importHadProblems,
  RoomAtRisk,
  RoomCreated,
  RoomSkipped,
  SyncFinished,
} from '../events/other-plugins.js';

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
      e.orgId !== null && importHadProblems(e.payload) ? lookup.organizers(e.orgId) : [],
  }),
] as NotificationType[];
