import { COLORS } from './colors.js';
import { clip } from './format.js';
import { defineTemplate } from './registry.js';

/** speedgaming.sync.finished: an organizer alert when an import failed or rejected episodes. */
export const importProblems = defineTemplate({
  eventType: 'speedgaming.sync.finished',
  async render(message, lookups) {
    const p = message.payload as {
      tournamentId: number;
      status: string;
      imported: number;
      updated: number;
      errors: number;
    };
    const tournament =
      message.orgId === null ? '' : await lookups.tournamentName(message.orgId, p.tournamentId);
    return {
      embeds: [
        {
          title: p.status === 'failed' ? 'SpeedGaming import failed' : 'SpeedGaming import had problems',
          description: `${p.errors} episode(s) could not be imported; see the import log.`,
          color: COLORS.alert,
          fields: [
            { name: 'Tournament', value: clip(tournament || '—', 1024), inline: true },
            { name: 'Imported', value: String(p.imported ?? 0), inline: true },
            { name: 'Updated', value: String(p.updated ?? 0), inline: true },
          ],
          timestamp: message.occurredAt,
        },
      ],
    };
  },
});

/** Templates for speedgaming's events, used when that plugin is installed. */
export const IMPORT_TEMPLATES = [importProblems];
