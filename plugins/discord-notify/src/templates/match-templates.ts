import type { DeliveryMessage } from '@racedesk/core';
import type { Embed } from '../clients/embed.js';
import { COLORS } from './colors.js';
import { clip, when } from './format.js';
import { defineTemplate, type TemplateLookups } from './registry.js';

interface MatchPayload {
  match: { id: number; tournamentId: number; title: string | null; scheduledAt: string; playerIds: number[] };
}

/** The fields every match embed shares: tournament, match title or "A vs B", players. */
async function matchEmbed(
  message: DeliveryMessage,
  lookups: TemplateLookups,
  title: string,
  color: number,
): Promise<Embed & { fields: NonNullable<Embed['fields']> }> {
  const { match } = message.payload as MatchPayload;
  const players = await lookups.userNames(match.playerIds);
  const tournament =
    message.orgId === null ? '' : await lookups.tournamentName(message.orgId, match.tournamentId);
  return {
    title: clip(title, 256),
    description: clip(match.title ?? players.join(' vs '), 4096),
    color,
    fields: [
      { name: 'Tournament', value: clip(tournament || '—', 1024), inline: true },
      { name: 'Players', value: clip(players.join(', ') || '—', 1024), inline: true },
    ],
    footer: { text: `Match #${match.id}` },
    timestamp: message.occurredAt,
  };
}

/** core.match.created */
export const matchScheduled = defineTemplate({
  eventType: 'core.match.created',
  async render(message, lookups) {
    const embed = await matchEmbed(message, lookups, 'Match scheduled', COLORS.scheduled);
    embed.fields.push({ name: 'When', value: when((message.payload as MatchPayload).match.scheduledAt) });
    return { embeds: [embed] };
  },
});

/** core.match.rescheduled: both times, as Discord timestamps. */
export const matchRescheduled = defineTemplate({
  eventType: 'core.match.rescheduled',
  async render(message, lookups) {
    const payload = message.payload as MatchPayload & { previousScheduledAt: string; scheduledAt: string };
    const embed = await matchEmbed(message, lookups, 'Match rescheduled', COLORS.rescheduled);
    embed.fields.push(
      { name: 'Was', value: when(payload.previousScheduledAt) },
      { name: 'Now', value: when(payload.scheduledAt) },
    );
    return { embeds: [embed] };
  },
});

/** core.match.cancelled */
export const matchCancelled = defineTemplate({
  eventType: 'core.match.cancelled',
  async render(message, lookups) {
    const payload = message.payload as MatchPayload & { reason: string };
    const embed = await matchEmbed(message, lookups, 'Match cancelled', COLORS.cancelled);
    embed.fields.push(
      { name: 'Was scheduled', value: when(payload.match.scheduledAt) },
      { name: 'Reason', value: clip(payload.reason || '—', 1024) },
    );
    return { embeds: [embed] };
  },
});

/** core.match.finished: placings in rank order. */
export const matchResults = defineTemplate({
  eventType: 'core.match.finished',
  async render(message, lookups) {
    const payload = message.payload as MatchPayload & {
      placings: Array<{
        userId: number;
        finishRank: number | null;
        finishTime: string | null;
        status: string | null;
      }>;
      correction: string | null;
    };
    const embed = await matchEmbed(
      message,
      lookups,
      payload.correction ? 'Results corrected' : 'Results',
      COLORS.results,
    );
    const placings = [...payload.placings].sort((a, b) => (a.finishRank ?? 999) - (b.finishRank ?? 999));
    const names = await lookups.userNames(placings.map((p) => p.userId));
    const lines = placings.map(
      (p, i) =>
        `${p.finishRank ?? '—'}. ${names[i]} — ${p.finishTime ?? (p.status ?? 'no time').toUpperCase()}`,
    );
    embed.fields.push({ name: 'Placings', value: clip(lines.join('\n') || '—', 1024) });
    if (payload.correction) embed.fields.push({ name: 'Correction', value: clip(payload.correction, 1024) });
    return { embeds: [embed] };
  },
});

/** The core match templates. */
export const MATCH_TEMPLATES = [matchScheduled, matchRescheduled, matchCancelled, matchResults];
