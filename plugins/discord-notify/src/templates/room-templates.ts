import { COLORS } from './colors.js';
import { clip, when } from './format.js';
import { defineTemplate } from './registry.js';

/** racetime.room.created: the room link (organizers also see who could not be invited). */
export const roomOpened = defineTemplate({
  eventType: 'racetime.room.created',
  async render(message, lookups) {
    const p = message.payload as {
      matchId: number;
      tournamentId: number;
      url: string;
      notInvited?: { userId: number; reason: string }[];
    };
    const tournament =
      message.orgId === null ? '' : await lookups.tournamentName(message.orgId, p.tournamentId);
    const notInvited = p.notInvited ?? [];
    return {
      embeds: [
        {
          title: 'Race room open',
          url: p.url,
          description: `Join your race room: ${p.url}`,
          color: COLORS.roomOpened,
          fields: [
            { name: 'Tournament', value: clip(tournament || '—', 1024), inline: true },
            ...(notInvited.length > 0
              ? [
                  {
                    name: 'Not invited',
                    value: clip(
                      `${notInvited.length} player(s): ${[...new Set(notInvited.map((n) => n.reason))].join('; ')}`,
                      1024,
                    ),
                  },
                ]
              : []),
          ],
          footer: { text: `Match #${p.matchId}` },
          timestamp: message.occurredAt,
        },
      ],
    };
  },
});

/** racetime.room.skipped: an organizer alert with the reason. */
export const roomSkipped = defineTemplate({
  eventType: 'racetime.room.skipped',
  render(message) {
    const p = message.payload as { matchId: number; reason: string; detail: string; openAt: string | null };
    return {
      embeds: [
        {
          title: 'Race room not opened',
          description: clip(p.detail || p.reason, 4096),
          color: COLORS.alert,
          fields: [
            { name: 'Reason', value: clip(p.reason, 1024), inline: true },
            ...(p.openAt ? [{ name: 'Was due', value: when(p.openAt) }] : []),
          ],
          footer: { text: `Match #${p.matchId}` },
          timestamp: message.occurredAt,
        },
      ],
    };
  },
});

/** racetime.room.at_risk: an organizer alert before the room is due. */
export const roomAtRisk = defineTemplate({
  eventType: 'racetime.room.at_risk',
  render(message) {
    const p = message.payload as { matchId: number; reason: string; detail: string; openAt: string };
    return {
      embeds: [
        {
          title: 'Race room at risk',
          description: clip(p.detail || p.reason, 4096),
          color: COLORS.alert,
          fields: [
            { name: 'Reason', value: clip(p.reason, 1024), inline: true },
            { name: 'Opens', value: when(p.openAt) },
          ],
          footer: { text: `Match #${p.matchId}` },
          timestamp: message.occurredAt,
        },
      ],
    };
  },
});

/** Templates for racetime's room events, used when that plugin is installed. */
export const ROOM_TEMPLATES = [roomOpened, roomSkipped, roomAtRisk];
