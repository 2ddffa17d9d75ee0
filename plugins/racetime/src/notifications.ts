import { defineNotification, type NotificationType } from '@racedesk/core';
import { RoomAtRisk, RoomCancelled, RoomCreated, RoomSkipped } from './events.js';

/** What organizers (moderators and up) hear about match rooms. */
export const RACETIME_NOTIFICATIONS: NotificationType[] = [
  defineNotification({
    event: RoomSkipped,
    description: 'A match race room was not opened, and why',
    recipients: (e, lookup) => (e.orgId === null ? Promise.resolve([]) : lookup.organizers(e.orgId)),
  }),
  defineNotification({
    event: RoomAtRisk,
    description: 'A match race room will not open unless something is fixed',
    recipients: (e, lookup) => (e.orgId === null ? Promise.resolve([]) : lookup.organizers(e.orgId)),
  }),
  defineNotification({
    event: RoomCancelled,
    description: 'A match race was cancelled on racetime.gg (the match is back to scheduled)',
    recipients: (e, lookup) => (e.orgId === null ? Promise.resolve([]) : lookup.organizers(e.orgId)),
  }),
  defineNotification({
    event: RoomCreated,
    description: 'A match race room opened but some players could not be invited',
    recipients: async (e, lookup) =>
      e.orgId === null || e.payload.notInvited.length === 0 ? [] : lookup.organizers(e.orgId),
  }),
];
