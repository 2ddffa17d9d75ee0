import type { MatchView } from '@racedesk/core';
import { Routes } from 'discord.js';
import { classifyDiscordError } from '../clients/discord-errors.js';
import { botService } from './bot-service.js';
import type { DiscordNotifyContext } from './runtime.js';
import { templateLookups } from './template-lookups.js';

interface EventRow {
  match_id: number;
  guild_id: string;
  event_id: string;
}

const OPEN_STATES = new Set(['scheduled', 'checked_in']);

/**
 * Keeps one guild scheduled event per match in step with the match: created, moved, cancelled
 * (deleted). `reconcile` is idempotent: it compares what should exist with what does.
 */
export function scheduledEvents(ctx: DiscordNotifyContext) {
  const bots = botService(ctx);
  const lookups = templateLookups(ctx);

  async function matchOrNull(matchId: number): Promise<MatchView | null> {
    try {
      return await ctx.domain.matches.get(matchId);
    } catch {
      return null;
    }
  }

  /** The guild and duration a match's event belongs in, or null when it should have none. */
  async function desired(
    orgId: number,
    match: MatchView | null,
  ): Promise<{ guildId: string; minutes: number } | null> {
    if (!match || !OPEN_STATES.has(match.state)) return null;
    if (new Date(match.scheduledAt).getTime() <= ctx.clock.now().getTime()) return null;
    const settings = await ctx
      .db('discord_notify_tournament_settings')
      .where({ tournament_id: match.tournamentId })
      .first();
    const mode = settings?.scheduled_events ?? 'none';
    if (mode === 'none' || (mode === 'streamed' && match.streamChannelId === null)) return null;
    const guildId =
      settings.guild_id ??
      (await ctx.db('discord_notify_guild_links').where({ org_id: orgId }).orderBy('linked_at').first())
        ?.guild_id;
    return guildId ? { guildId, minutes: settings.event_duration_minutes } : null;
  }

  async function body(orgId: number, match: MatchView, minutes: number) {
    const players = match.players.map((p) => p.displayName);
    const tournament = await lookups.tournamentName(orgId, match.tournamentId);
    let location = 'TBD';
    if (match.streamChannelId !== null) {
      location = await ctx.domain.streamChannels.get(orgId, match.streamChannelId).then(
        (c) => c.url,
        () => 'TBD',
      );
    }
    const start = new Date(match.scheduledAt);
    return {
      name: `${tournament.slice(0, 30)} - ${(match.title ?? players.join(' vs ')).slice(0, 65)}`.slice(
        0,
        100,
      ),
      description: [`Players: ${players.join(', ')}`, `Tournament: ${tournament}`].join('\n').slice(0, 1000),
      scheduled_start_time: start.toISOString(),
      scheduled_end_time: new Date(start.getTime() + minutes * 60_000).toISOString(),
      privacy_level: 2,
      entity_type: 3,
      entity_metadata: { location },
    };
  }

  /** Deletes a Discord event, treating "already gone" as done. */
  async function deleteEvent(guildId: string, eventId: string): Promise<void> {
    const bot = await bots.current();
    try {
      await bot.rest.delete(Routes.guildScheduledEvent(guildId, eventId));
    } catch (error) {
      const failure = classifyDiscordError(error);
      if (failure.kind !== 'permanent') throw error;
    }
  }

  return {
    /** Brings the match's event in line with the match; throws on retryable Discord errors. */
    async reconcile(orgId: number, matchId: number): Promise<'created' | 'moved' | 'removed' | 'unchanged'> {
      const match = await matchOrNull(matchId);
      const want = await desired(orgId, match);
      const row = (await ctx.db('discord_notify_scheduled_events').where({ match_id: matchId }).first()) as
        | EventRow
        | undefined;
      if (!want || !match) {
        if (!row) return 'unchanged';
        await deleteEvent(row.guild_id, row.event_id);
        await ctx.db('discord_notify_scheduled_events').where({ match_id: matchId }).del();
        return 'removed';
      }
      const bot = await bots.current();
      const payload = await body(orgId, match, want.minutes);
      if (row && row.guild_id === want.guildId) {
        try {
          await bot.rest.patch(Routes.guildScheduledEvent(row.guild_id, row.event_id), { body: payload });
          await ctx
            .db('discord_notify_scheduled_events')
            .where({ match_id: matchId })
            .update({ starts_at: new Date(match.scheduledAt), updated_at: ctx.clock.now() });
          return 'moved';
        } catch (error) {
          // Someone deleted it in Discord: create it again below.
          const failure = classifyDiscordError(error);
          if (failure.kind !== 'permanent' || (failure.code !== null && failure.code !== 10070)) throw error;
        }
      } else if (row) await deleteEvent(row.guild_id, row.event_id);
      const created = (await bot.rest.post(Routes.guildScheduledEvents(want.guildId), { body: payload })) as {
        id: string;
      };
      const fields = {
        guild_id: want.guildId,
        event_id: created.id,
        starts_at: new Date(match.scheduledAt),
        updated_at: ctx.clock.now(),
      };
      await ctx
        .db('discord_notify_scheduled_events')
        .insert({ match_id: matchId, ...fields })
        .onConflict('match_id')
        .merge();
      return 'created';
    },

    /** Events whose match no longer wants one, and events the bot created that no match owns. */
    async cleanOrphans(orgId: number): Promise<number> {
      let removed = 0;
      const rows = (await ctx
        .db('discord_notify_scheduled_events as e')
        .join('matches as m', 'm.id', 'e.match_id')
        .join('tournaments as t', 't.id', 'm.tournament_id')
        .where('t.org_id', orgId)
        .select('e.match_id')) as Array<{ match_id: number }>;
      for (const row of rows) {
        if ((await this.reconcile(orgId, Number(row.match_id))) === 'removed') removed++;
      }
      const bot = await bots.current();
      const known = new Set(
        (await ctx.db('discord_notify_scheduled_events').select('event_id')).map((r) => r.event_id as string),
      );
      const guilds = await ctx.db('discord_notify_guild_links').where({ org_id: orgId }).select('guild_id');
      for (const { guild_id: guildId } of guilds) {
        const events = (await bot.rest.get(Routes.guildScheduledEvents(guildId))) as Array<{
          id: string;
          creator_id?: string | null;
        }>;
        for (const event of events) {
          if (event.creator_id !== bot.userId || known.has(event.id)) continue;
          await deleteEvent(guildId, event.id);
          removed++;
        }
      }
      return removed;
    },
  };
}
