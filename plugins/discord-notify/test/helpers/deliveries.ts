import type { Person } from '@racedesk/testkit';
import { api } from '@racedesk/testkit';
import type { DiscordTestApp } from './discord-app.js';

/** A row of the org's delivery log, as organizers see it. */
export interface DeliveryJson {
  id: number;
  eventType: string;
  channel: string;
  userId: number | null;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
}

/** The org's Discord deliveries (DMs and posts), oldest first. */
export async function discordDeliveries(
  env: DiscordTestApp,
  slug: string,
  by: Person,
  filter: { userId?: number; channel?: string } = {},
): Promise<DeliveryJson[]> {
  const page = await api<{ items: DeliveryJson[] }>(
    env.app,
    by,
    'GET',
    `/api/v1/orgs/${slug}/notifications/deliveries?limit=100`,
  );
  return page.items
    .filter((d) => d.channel.startsWith('discord-'))
    .filter((d) => filter.userId === undefined || d.userId === filter.userId)
    .filter((d) => filter.channel === undefined || d.channel === filter.channel)
    .sort((a, b) => a.id - b.id);
}
