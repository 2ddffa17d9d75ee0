import { systemActor } from '@racedesk/core';
import { RaceSocket, type RaceUpdate } from '../clients/race-socket.js';
import { EntrantJoined, EntrantLeft, EntrantStatusChanged, RaceStatusChanged } from '../events.js';
import { accountLinks } from './account-links.js';
import { diffRace } from './race-diff.js';
import type { RacetimeContext, RacetimeRuntime } from './runtime.js';

const actor = systemActor('racetime');

/**
 * One bot socket per room this process follows. Every `race.data` is diffed against the last one
 * and turned into events, in arrival order (one queue per room).
 */
export class RoomTracker {
  private readonly sockets = new Map<string, { socket: RaceSocket; queue: Promise<void> }>();

  constructor(
    private readonly ctx: RacetimeContext,
    private readonly runtime: Pick<RacetimeRuntime, 'bots' | 'http' | 'clock'>,
  ) {}

  /** The socket of room `name` (`{category}/{slug}`), opened on first use. */
  socketFor(botId: number, name: string): RaceSocket {
    const found = this.sockets.get(name);
    if (found) return found.socket;
    const slug = name.split('/')[1] ?? name;
    const bots = this.runtime.bots;
    let current: Promise<string> | null = null;
    const socket = new RaceSocket({
      url: this.runtime.http.websocketUrl(`/ws/o/bot/${slug}`),
      clock: this.runtime.clock,
      tokens: {
        token: async () => (await bots.connection(botId)).tokens.token(),
        renew: async (stale) => {
          current = (async () => (await bots.connection(botId)).tokens.renew(stale))();
          return current;
        },
        onRenewed: (listener) => {
          let off: (() => void) | null = null;
          void bots.connection(botId).then((c) => {
            off = c.tokens.onRenewed(listener);
          });
          return () => off?.();
        },
      },
    });
    const entry = { socket, queue: Promise.resolve() };
    socket.on('race', (update) => {
      entry.queue = entry.queue
        .then(() => this.handle(name, update))
        .catch((error) => {
          this.ctx.logger.error({ err: error, room: name }, 'race update failed');
        });
    });
    this.sockets.set(name, entry);
    socket.start();
    return socket;
  }

  /** Closes every socket. */
  close(): void {
    for (const { socket } of this.sockets.values()) socket.close();
    this.sockets.clear();
  }

  private async handle(name: string, update: RaceUpdate): Promise<void> {
    const { race } = update;
    const { db } = this.ctx;
    const room = await db('racetime_match_rooms').where({ slug: name }).first();
    const stored = room?.last_race as { version: number } | null | undefined;
    if (stored && stored.version >= race.version) return;
    const previous = update.previous ?? (stored as typeof race | null | undefined) ?? null;
    const changes = diffRace(previous, race, { baseline: update.baseline });
    const ids = race.entrants.map((e) => e.user?.id).filter((id): id is string => !!id);
    const users = await accountLinks.forRacetimeIds(db, ids);
    const ref = {
      category: race.category,
      roomSlug: name,
      roomName: race.slug,
      matchId: room ? Number(room.match_id) : null,
      tournamentId: room ? Number(room.tournament_id) : null,
    };
    const meta = { actor, orgId: room ? Number(room.org_id) : null };
    await db.transaction(async (trx) => {
      for (const change of changes) {
        if (change.kind === 'race_status_changed') {
          await this.ctx.events.emit(
            RaceStatusChanged,
            {
              ...ref,
              oldStatus: change.from,
              newStatus: change.to,
              entrantCount: change.entrantCount,
              startedAt: change.startedAt,
              endedAt: change.endedAt,
            },
            meta,
            trx,
          );
          continue;
        }
        const userId = users.get(change.entrant.id) ?? null;
        const who = {
          racetimeUserId: change.entrant.id,
          racetimeUserName: change.entrant.fullName,
          userId,
          resolvedAs: userId === null ? ('unknown' as const) : ('linked' as const),
          raceStatus: race.status,
        };
        if (change.kind === 'entrant_joined')
          await this.ctx.events.emit(
            EntrantJoined,
            { ...ref, ...who, initialStatus: change.status },
            meta,
            trx,
          );
        else if (change.kind === 'entrant_left')
          await this.ctx.events.emit(
            EntrantLeft,
            { ...ref, ...who, lastStatus: change.lastStatus },
            meta,
            trx,
          );
        else if (change.kind === 'entrant_status_changed')
          await this.ctx.events.emit(
            EntrantStatusChanged,
            {
              ...ref,
              ...who,
              oldStatus: change.from,
              newStatus: change.to,
              finishTime: change.finishTime,
              place: change.place,
            },
            meta,
            trx,
          );
      }
      if (room)
        await trx('racetime_match_rooms')
          .where({ id: room.id })
          .update({ last_race: JSON.stringify(race), updated_at: this.runtime.clock.now() });
    });
  }
}
