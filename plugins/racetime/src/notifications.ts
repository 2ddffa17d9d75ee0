import { defineNotification, type NotificationType } from '@racedesk/core';
import { RoomAtRisk, RoomCancelled, RoomCreated, RoomSkipped } from './events.js';

/**
 * racetime owns the notification types of its events (channels such as discord-notify only deliver
 * them): organizers (moderators and up) hear about rooms at risk, skipped or cancelled; players and
 * crew get the room link when their room opens.
 */
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
    description:
      "A match's race room opened, with the room link (players and crew; organizers when some players could not be invited)",
    recipients: async (e, lookup) => {
      const { matchId, notInvited } = e.payload;
      // Rooms opened outside a match (matchId null) have no players to tell.
      const people =
        matchId === null
          ? []
          : [...(await lookup.matchPlayers(matchId)), ...(await lookup.matchCrew(matchId))];
      const organizers = e.orgId !== null && notInvited.length > 0 ? await lookup.organizers(e.orgId) : [];
      return [...people, ...organizers];
    },
  }),
];
