import { defineNotification, type NotificationType } from '@racedesk/core';
import { importHadProblems, SyncFinished } from '../events/other-plugins.js';

/**
 * The plugin that emits an event owns its notification type (who hears of it, the description in
 * `/api/v1/me/notifications`); discord-notify only delivers. racetime registers the types of its
 * room events itself. speedgaming registers none for `speedgaming.sync.finished`, so this plugin adds
 * one, only when that event exists on this instance and nobody registered a type for it first.
 */
export const OPTIONAL_NOTIFICATIONS: NotificationType[] = [
  defineNotification({
    event: SyncFinished,
    description: 'Organizer alert: a SpeedGaming import failed or rejected episodes',
    // Only problems are worth a DM: a clean import tells nobody.
    recipients: async (e, lookup) =>
      e.orgId !== null && importHadProblems(e.payload) ? lookup.organizers(e.orgId) : [],
  }),
] as NotificationType[];
