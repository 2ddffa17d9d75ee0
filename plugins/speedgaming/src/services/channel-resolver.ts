import { RacedeskError } from '@racedesk/core';
import type { ImportChannel } from './episode-mapping-types.js';
import { SG_ACTOR, type SgContext } from './sg-context.js';

/** Finds the org's stream channels by name, creating the ones SpeedGaming names that are new. */
export async function resolveChannels(
  ctx: SgContext,
  orgId: number,
  channels: ImportChannel[],
): Promise<Map<string, number>> {
  const service = ctx.domain.streamChannels;
  const byName = new Map((await service.list(orgId)).map((c) => [c.name, c.id]));
  for (const channel of channels) {
    if (byName.has(channel.name)) continue;
    try {
      const created = await service.create(
        orgId,
        { name: channel.name.slice(0, 100), url: urlOf(channel) },
        SG_ACTOR,
      );
      byName.set(channel.name, created.id);
    } catch (error) {
      if (!(error instanceof RacedeskError && error.code === 'RD_STREAM_CHANNEL_NAME_TAKEN')) throw error;
      // Another import created it a moment ago.
      for (const c of await service.list(orgId)) byName.set(c.name, c.id);
    }
  }
  return byName;
}

// SahasrahBot builds https://twitch.tv/{name} when SG gives no slug (reference §7.1).
function urlOf(channel: ImportChannel): string {
  if (channel.url) return channel.url;
  const login = channel.name.replace(/\s+/g, '');
  return `https://twitch.tv/${encodeURIComponent(login)}`;
}
