import { type Actor, badRequest } from '@racedesk/core';
import type { ScheduledEventModeValue, TournamentSettingsView } from '../schemas/tournament-settings.js';
import type { DiscordNotifyContext } from './runtime.js';

/** Per-tournament Discord settings (scheduled events), keyed by the core tournament id. */
export function tournamentSettings(ctx: DiscordNotifyContext) {
  async function get(orgId: number, tournamentId: number): Promise<TournamentSettingsView> {
    await ctx.domain.tournaments.get(orgId, tournamentId);
    const row = await ctx
      .db('discord_notify_tournament_settings')
      .where({ tournament_id: tournamentId })
      .first();
    return {
      tournamentId,
      scheduledEvents: (row?.scheduled_events ?? 'none') as ScheduledEventModeValue,
      guildId: row?.guild_id ?? null,
      eventDurationMinutes: row?.event_duration_minutes ?? 120,
    };
  }
  return {
    get,
    async put(
      orgId: number,
      tournamentId: number,
      input: {
        scheduledEvents: ScheduledEventModeValue;
        guildId?: string | null;
        eventDurationMinutes?: number;
      },
      actor: Actor,
    ): Promise<TournamentSettingsView> {
      await ctx.domain.tournaments.get(orgId, tournamentId);
      if (input.guildId) {
        const link = await ctx
          .db('discord_notify_guild_links')
          .where({ org_id: orgId, guild_id: input.guildId })
          .first();
        if (!link)
          throw badRequest(
            'RD_DISCORD_GUILD_NOT_LINKED',
            'This Discord guild is not linked to the organization',
          );
      }
      const row = {
        tournament_id: tournamentId,
        org_id: orgId,
        scheduled_events: input.scheduledEvents,
        guild_id: input.guildId ?? null,
        event_duration_minutes: input.eventDurationMinutes ?? 120,
        updated_at: ctx.clock.now(),
      };
      await ctx.db.transaction(async (trx) => {
        await trx('discord_notify_tournament_settings').insert(row).onConflict('tournament_id').merge();
        await ctx.audit.record(
          {
            actor,
            orgId,
            action: 'discord-notify.tournament.settings_changed',
            target: { type: 'tournament', id: tournamentId },
            details: { ...input },
          },
          trx,
        );
      });
      return get(orgId, tournamentId);
    },
  };
}
