import { type BotActionFrame, botActions } from '../clients/bot-actions.js';
import type { RacetimeChatMessage } from '../clients/chat-message.js';
import type { RacetimeRace } from '../clients/race-data.js';
import { RaceSocket, type RaceUpdate } from '../clients/race-socket.js';
import { accountLinks } from './account-links.js';
import { ChatCommands } from './chat-commands.js';
import type { RoomRow } from './room-repository.js';
import { RaceUpdateBatcher } from './room-update-batch.js';
import type { RoomLinks, UpdateFollowUp } from './room-updates.js';
import type { RacetimeContext, RacetimeRuntime } from './runtime.js';

interface FollowedRoom {
  botId: number;
  socket: RaceSocket;
  queue: Promise<void>;
  joined: boolean;
  invitesSent: Set<string>;
  accepted: Set<string>;
  noticePosted: boolean;
  /** Recent actions, resent after a reconnect that followed a refused token (racetime.gg keeps no ids). */
  recent: BotActionFrame[];
  resend: boolean;
  /** The race this process last stored for the room (frames not newer are dropped without a query). */
  known: RacetimeRace | null;
  /** The room row read or written with `known` (batched updates do not read it again). */
  row: RoomRow | null;
  /** The entrants' links as last read (batched updates reuse them for a while). */
  links: RoomLinks | null;
  /** Frames received and not yet handed to the batcher; they go together once the room's turn comes. */
  frames: RaceUpdate[];
}

const PERMISSION_DENIED = 'Permission denied. Check your authorization token.';
const RECENT_ACTIONS = 10;
/**
 * How long batched updates resolve entrants with the links read before; then the room's next update
 * reads them again in a transaction of its own. The lease round reads every room's links again sooner
 * ({@link RoomTracker.refreshLinks}), so this only comes into play when that fails.
 */
const LINKS_KEPT_MS = 30_000;

/**
 * The room sockets this instance holds (one per room, `/ws/o/bot/{slug}`). Updates of a room are
 * applied in arrival order; after each one the tracker invites the match's linked players who are not
 * in the room yet, accepts join requests from the match's players, and answers chat commands.
 */
export class RoomTracker {
  private readonly rooms = new Map<string, FollowedRoom>();
  private readonly updates: RaceUpdateBatcher;

  constructor(
    private readonly ctx: RacetimeContext,
    private readonly runtime: Pick<RacetimeRuntime, 'bots' | 'http' | 'clock'>,
    private readonly commands: ChatCommands,
  ) {
    this.updates = new RaceUpdateBatcher(ctx);
    runtime.bots.onReplaced((botId) => {
      for (const [name, room] of this.rooms) if (room.botId === botId) this.restart(name);
    });
  }

  /** Names (`{category}/{slug}`) of the rooms this instance follows. */
  followed(): string[] {
    return [...this.rooms.keys()];
  }

  /** The socket of a followed room. */
  socketOf(name: string): RaceSocket | undefined {
    return this.rooms.get(name)?.socket;
  }

  /** Starts following room `name` with bot `botId` (once); never on an `api` instance. */
  follow(name: string, botId: number): void {
    if (this.rooms.has(name) || this.ctx.role === 'api') return;
    const slug = name.split('/')[1] ?? name;
    const bots = this.runtime.bots;
    const socket = new RaceSocket({
      url: this.runtime.http.websocketUrl(`/ws/o/bot/${slug}`),
      clock: this.runtime.clock,
      tokens: {
        token: async () => (await bots.connection(botId)).tokens.token(),
        renew: async (stale) => (await bots.connection(botId)).tokens.renew(stale),
        onRenewed: (listener) => {
          let off: (() => void) | null = null;
          let stopped = false;
          void bots.connection(botId).then(
            (c) => {
              if (!stopped) off = c.tokens.onRenewed(listener);
            },
            () => undefined,
          );
          return () => {
            stopped = true;
            off?.();
          };
        },
      },
    });
    const room: FollowedRoom = {
      botId,
      socket,
      queue: Promise.resolve(),
      joined: false,
      invitesSent: new Set(),
      accepted: new Set(),
      noticePosted: false,
      recent: [],
      resend: false,
      known: null,
      row: null,
      links: null,
      frames: [],
    };
    // An expired token makes actions fail on an open socket (§5.7): the socket renews and reconnects,
    // then the recent actions go again (chat guids and invite guards make repeats harmless).
    socket.on('action-error', (errors) => {
      if (errors.includes(PERMISSION_DENIED)) room.resend = true;
    });
    socket.on('status', (status) => {
      if (status !== 'open' || !room.resend) return;
      room.resend = false;
      for (const frame of room.recent) socket.send(frame);
    });
    socket.on('race', (update) => {
      // Frames that arrive while the room's previous ones are written are applied together.
      if (room.frames.push(update) === 1) this.enqueue(name, room, () => this.onRace(name, room));
    });
    socket.on('chat', (message) => {
      // System lines ("… is ready") come with every entrant change: only possible commands queue up.
      if (ChatCommands.mayBeCommand(message))
        this.enqueue(name, room, () => this.onChat(name, room, message));
    });
    socket.on('protocol-error', (error) =>
      this.ctx.logger.warn({ err: error, room: name }, 'bad frame skipped'),
    );
    this.rooms.set(name, room);
    socket.start();
  }

  /** Stops following a room (finished, cancelled, or its lease went to another instance). */
  unfollow(name: string): void {
    this.rooms.get(name)?.socket.close();
    this.rooms.delete(name);
  }

  /** Closes every socket. */
  close(): void {
    for (const name of [...this.rooms.keys()]) this.unfollow(name);
  }

  /** Waits until every update received so far has been applied (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((r) => r.queue));
  }

  private send(room: FollowedRoom, frame: BotActionFrame): void {
    room.recent.push(frame);
    if (room.recent.length > RECENT_ACTIONS) room.recent.shift();
    room.socket.send(frame);
  }

  private restart(name: string): void {
    const room = this.rooms.get(name);
    if (!room) return;
    this.unfollow(name);
    this.follow(name, room.botId);
  }

  private enqueue(name: string, room: FollowedRoom, work: () => Promise<void>): void {
    room.queue = room.queue.then(work).catch((error) => {
      this.ctx.logger.error({ err: error, room: name }, 'race room update failed');
    });
  }

  private async onRace(name: string, room: FollowedRoom): Promise<void> {
    const frames = room.frames.splice(0);
    const followUp = await this.updates.apply(name, frames, {
      joined: !room.joined,
      known: room.known,
      row: room.row,
      // Links are read again now and then: an entrant may link their account during the race.
      links:
        room.links && this.runtime.clock.now().getTime() - room.links.readAt < LINKS_KEPT_MS
          ? room.links
          : null,
    });
    room.joined = true;
    if (!followUp) return;
    room.known = followUp.race;
    room.row = followUp.room;
    // The newest read wins (the lease round may have read them again while this update was stored).
    if (!room.links || followUp.links.readAt >= room.links.readAt) room.links = followUp.links;
    this.act(room, followUp);
    if (!room.noticePosted && followUp.room.not_invited.length > 0) await this.postNotice(room, followUp);
    if (followUp.done) this.unfollow(name);
  }

  private act(room: FollowedRoom, { room: row, race, acceptRequests }: UpdateFollowUp): void {
    if (race.status !== 'open' && race.status !== 'invitational') return;
    const present = new Set(race.entrants.flatMap((e) => (e.user?.id ? [e.user.id] : [])));
    for (const { racetimeId } of row.invited) {
      if (present.has(racetimeId) || room.invitesSent.has(racetimeId)) continue;
      room.invitesSent.add(racetimeId);
      this.send(room, botActions.invite(racetimeId));
    }
    for (const id of acceptRequests) {
      if (room.accepted.has(id)) continue;
      room.accepted.add(id);
      this.send(room, botActions.acceptRequest(id));
    }
  }

  /**
   * Reads again who of the followed rooms' entrants is linked to a user, in one query for every room
   * (the lease round calls it). Batched updates resolve entrants with these links, so a player who links
   * their account during a race is resolved from the next round on, without taking each room's updates
   * out of the shared statement to read its links (which, for rooms followed together, came all at once).
   */
  async refreshLinks(): Promise<void> {
    const rooms = [...this.rooms.values()];
    const ids = new Set(rooms.flatMap((r) => (r.links ? [...r.links.checked] : [])));
    if (ids.size === 0) return;
    const readAt = this.runtime.clock.now().getTime();
    const linked = await accountLinks.forRacetimeIds(this.ctx.db, [...ids]);
    for (const room of rooms) {
      const links = room.links;
      // Skip a room whose links were read since, or that has entrants this read did not cover.
      if (!links || links.readAt > readAt || [...links.checked].some((id) => !ids.has(id))) continue;
      const users = new Map<string, number>();
      for (const id of links.checked) {
        const userId = linked.get(id);
        if (userId !== undefined) users.set(id, userId);
      }
      room.links = { checked: links.checked, users, readAt };
    }
  }

  /** Says once in chat who could not be invited and why (the caller checks there is someone). */
  private async postNotice(room: FollowedRoom, { room: row, race }: UpdateFollowUp): Promise<void> {
    room.noticePosted = true;
    if (race.status !== 'open' && race.status !== 'invitational') return;
    const names = await Promise.all(
      row.not_invited.map(
        async (p) => (await this.ctx.users.byId(p.userId))?.displayName ?? `user ${p.userId}`,
      ),
    );
    const reasons = [...new Set(row.not_invited.map((p) => p.reason))].join('; ');
    this.send(
      room,
      botActions.message(`Could not invite ${names.join(', ')}: ${reasons}.`, {
        guid: `rd-uninvited-${row.match_id}-${row.attempt}`,
      }),
    );
  }

  private async onChat(name: string, room: FollowedRoom, message: RacetimeChatMessage): Promise<void> {
    const reply = await this.commands.handle(name, message);
    if (reply) this.send(room, botActions.message(reply, { guid: `rd-cmd-${message.id.toLowerCase()}` }));
  }
}
