import { defineSubscriber } from '@racedesk/core';
import { importHadProblems, SyncFinished } from '../events/other-plugins.js';
import { enqueueChannelPost } from '../services/channel-posts.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

/** A SpeedGaming import failed or rejected episodes: an organizer alert (speedgaming may be absent). */
export const importFinished = defineSubscriber<typeof SyncFinished, DiscordNotifyContext['config']>({
  id: 'import-finished',
  event: SyncFinished,
  optional: true,
  durable: true,
  handler: async (event, ctx) => {
    // A clean import is not news.
    if (!importHadProblems(event.payload)) return;
    await enqueueChannelPost(ctx, event, 'organizer_alerts', event.payload.tournamentId);
  },
});
