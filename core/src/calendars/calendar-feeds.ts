import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Database } from '../db/connect.js';
import { notFound } from '../errors.js';
import type { SecretCipher } from '../secrets/cipher.js';
import { type CalendarEntry, renderCalendar } from './ical.js';

const MATCH_HOURS = 2;
const PAST_DAYS = 30;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Whose feed: a tournament's matches, or one player's matches in every org. */
export type FeedOwner = { tournamentId: number } | { userId: number };

/** Secret-URL iCalendar feeds per tournament and per player; the URL token is stored hashed and encrypted. */
export function createCalendarFeeds(db: Database, clock: Clock, cipher: SecretCipher, publicUrl: string) {
  const urlOf = (token: string) => `${publicUrl.replace(/\/$/, '')}/api/v1/calendars/${token}.ics`;
  const where = (owner: FeedOwner) =>
    'tournamentId' in owner
      ? { tournament_id: owner.tournamentId, user_id: null }
      : { user_id: owner.userId, tournament_id: null };

  const service = {
    /** The feed URL of an owner, created on first use; `reset` replaces the token (old URLs stop working). */
    async urlFor(owner: FeedOwner, reset = false): Promise<string> {
      const existing = await db('calendar_feeds').where(where(owner)).first('id', 'token_ciphertext');
      if (existing && !reset) return urlOf(cipher.decrypt(existing.token_ciphertext));
      const token = randomBytes(24).toString('base64url');
      const row = {
        token_hash: hash(token),
        token_ciphertext: cipher.encrypt(token),
        created_at: clock.now(),
      };
      if (existing) await db('calendar_feeds').where({ id: existing.id }).update(row);
      else await db('calendar_feeds').insert({ ...row, ...where(owner) });
      return urlOf(token);
    },

    /** The iCalendar document behind a token, or 404. */
    async render(token: string): Promise<string> {
      const feed = await db('calendar_feeds')
        .where({ token_hash: hash(token) })
        .first();
      if (!feed) throw notFound('RD_CALENDAR_NOT_FOUND', 'No such calendar');
      const q = db('matches as m')
        .join('tournaments as t', 't.id', 'm.tournament_id')
        .leftJoin('stream_channels as c', 'c.id', 'm.stream_channel_id')
        .where('m.scheduled_at', '>=', new Date(clock.now().getTime() - PAST_DAYS * 86_400_000))
        .orderBy(['m.scheduled_at', 'm.id'])
        .limit(1000)
        .select('m.*', 't.name as tournament_name', 'c.url as stream_url');
      let name: string;
      if (feed.tournament_id) {
        q.where('m.tournament_id', feed.tournament_id);
        name =
          (await db('tournaments').where({ id: feed.tournament_id }).first('name'))?.name ?? 'Tournament';
      } else {
        q.whereExists(
          db('match_players as p').whereRaw('p.match_id = m.id').where('p.user_id', feed.user_id),
        );
        name = 'My matches';
      }
      const rows = await q;
      const players = await db('match_players as p')
        .join('users as u', 'u.id', 'p.user_id')
        .whereIn(
          'p.match_id',
          rows.map((r) => r.id),
        )
        .orderBy(['p.match_id', 'p.seat'])
        .select(
          'p.match_id',
          db.raw("coalesce(u.display_name, u.discord_username, 'user ' || u.id) as name"),
        );
      const entries: CalendarEntry[] = rows.map((r) => {
        const names = players.filter((p) => p.match_id === r.id).map((p) => p.name as string);
        const versus = names.join(' vs ') || 'Match';
        return {
          uid: `match-${r.id}@racedesk`,
          start: r.scheduled_at,
          end: new Date(r.scheduled_at.getTime() + MATCH_HOURS * 3_600_000),
          summary: r.title ? `${r.title} (${versus})` : `${r.tournament_name}: ${versus}`,
          description: [
            r.tournament_name,
            r.round,
            r.stream_url ? `Stream: ${r.stream_url}` : null,
            r.cancel_reason ? `Cancelled: ${r.cancel_reason}` : null,
          ]
            .filter(Boolean)
            .join('\n'),
          url: r.stream_url,
          sequence: r.sequence,
          cancelled: r.cancelled_at !== null,
        };
      });
      return renderCalendar(name, entries, clock.now());
    },
  };
  return service;
}

/** The calendar feed service. */
export type CalendarFeeds = ReturnType<typeof createCalendarFeeds>;
