import type { Category } from './accounts.js';
import type { EmulatorState } from './emulator-state.js';
import { finishers } from './race-json.js';
import { isOpen, isRunning, joined, type Race, type RaceSettings } from './race-model.js';
import { RaceRoom } from './race-room.js';
import { raceSlug } from './random-ids.js';
import { chatDuration } from './value-formats.js';

const MINUTE = 60_000;
const COUNTDOWN_TICKS = [10, 5, 4, 3, 2, 1];

/** Who opened a race: a bot (by name) or a user (by id). */
export type Opener = { bot: string } | { userId: string };

/** Creates a race room in `open` or `invitational` and arms the open-room timeouts (reference §6.1). */
export function openRace(
  state: EmulatorState,
  category: Category,
  settings: RaceSettings,
  opener: Opener,
): RaceRoom {
  const race: Race = {
    category,
    slug: raceSlug((slug) => state.rooms.has(slug)),
    version: 1,
    status: settings.invitational ? 'invitational' : 'open',
    settings,
    entrants: [],
    monitors: [],
    openedAt: state.clock.now(),
    startedAt: null,
    endedAt: null,
    cancelledAt: null,
    openedBy: 'userId' in opener ? opener.userId : null,
    openedByBot: 'bot' in opener ? opener.bot : null,
    recorded: false,
    recordedBy: null,
    botMeta: {},
    chat: [],
    guids: new Map(),
  };
  const room = new RaceRoom(race, state);
  state.rooms.set(race.slug, room);
  if ('bot' in opener) room.system(`Race opened automatically by ${opener.bot}`);
  const fewEntrants = () => isOpen(race) && joined(race).length < 2;
  room.schedule(25 * MINUTE, () => {
    if (fewEntrants())
      room.system(
        'Warning: this race will be automatically cancelled in 5 minutes unless at least two entrants join.',
      );
  });
  room.schedule(30 * MINUTE, () => {
    if (fewEntrants()) cancelRace(room, 'This race has been cancelled. Reason: less than 2 entrants joined.');
  });
  room.schedule(240 * MINUTE, () => {
    if (isOpen(race)) cancelRace(room, 'This race has been cancelled. Reason: dead race room.');
  });
  return room;
}

/** Whether `begin` may start the race: open/invitational with at least two joined, ready entrants. */
export const canBegin = (race: Race): boolean =>
  isOpen(race) && joined(race).filter((e) => e.ready).length >= 2;

/** Moves the race to `pending`; `initiator` is the bot name, or `null` for the server's auto-start. */
export function beginRace(room: RaceRoom, initiator: string | null): void {
  const { race } = room;
  const accounts = room.services.accounts;
  for (const e of [...race.entrants]) {
    if (e.state === 'joined' && e.ready) continue;
    race.entrants = race.entrants.filter((x) => x !== e);
    const user = accounts.users.get(e.userId);
    if (user) room.system(`${accounts.fullName(user)} is removed from the race.`);
  }
  const delay = race.settings.start_delay;
  race.status = 'pending';
  const startedAt = new Date(room.now().getTime() + delay * 1000);
  race.startedAt = startedAt;
  room.system(
    initiator
      ? `${initiator} has initiated the race. The race will begin in ${delay} seconds!`
      : `Everyone is ready. The race will begin in ${delay} seconds!`,
    true,
  );
  room.changed();
  const stillPending = () => race.status === 'pending' && race.startedAt === startedAt;
  for (const tick of COUNTDOWN_TICKS.filter((t) => t <= delay)) {
    room.scheduleAt(new Date(startedAt.getTime() - tick * 1000), () => {
      if (stillPending()) room.system(`${tick}…`, true);
    });
  }
  room.scheduleAt(startedAt, () => {
    if (stillPending()) startRace(room);
  });
}

/** The server begins the race on its own once every joined entrant (at least two) is ready. */
export function autoStartIfReady(room: RaceRoom): void {
  const { race } = room;
  const list = joined(race);
  if (race.settings.auto_start && isOpen(race) && list.length >= 2 && list.every((e) => e.ready)) {
    beginRace(room, null);
  }
}

function startRace(room: RaceRoom): void {
  const { race } = room;
  const startedAt = race.startedAt!;
  race.status = 'in_progress';
  room.system('The race has begun! Good luck and have fun.', true);
  room.changed();
  const limit = startedAt.getTime() + race.settings.time_limit * 3_600_000;
  const stillRunning = () => race.status === 'in_progress' && race.startedAt === startedAt;
  // Warning text is not in the reference (only its timing); kept recognisable for tests.
  room.scheduleAt(new Date(limit - 5 * MINUTE), () => {
    if (stillRunning()) room.system('Warning: this race will reach its time limit in 5 minutes.');
  });
  room.scheduleAt(new Date(limit), () => {
    if (!stillRunning()) return;
    room.system('This race has reached its time limit. All remaining entrants will now be expunged.');
    for (const e of race.entrants.filter(isRunning)) e.dnf = true;
    finishRace(room);
  });
}

/** Ends an in-progress race once nobody is still running. */
export function finishIfNobodyRunning(room: RaceRoom): void {
  if (room.race.status === 'in_progress' && !joined(room.race).some(isRunning)) finishRace(room);
}

function finishRace(room: RaceRoom): void {
  const { race } = room;
  const now = room.now();
  race.endedAt = now;
  if (finishers(race).length === 0 && !race.settings.time_limit_auto_complete) {
    race.status = 'cancelled';
    race.cancelledAt = now;
    race.settings.recordable = false;
    race.settings.unlisted = false;
    room.system('This race has been cancelled due to all entrants forfeiting.');
  } else {
    race.status = 'finished';
    if (!race.settings.recordable) race.settings.unlisted = false;
    room.system(`Race finished in ${chatDuration(now.getTime() - race.startedAt!.getTime(), true)}`, true);
  }
  room.changed();
}

/** Cancels a race in any non-final state; runners become DNF if it had started. */
export function cancelRace(room: RaceRoom, text: string): void {
  const { race } = room;
  const now = room.now();
  if (race.status === 'in_progress') {
    race.endedAt = now;
    for (const e of race.entrants.filter(isRunning)) e.dnf = true;
  }
  race.status = 'cancelled';
  race.cancelledAt = now;
  race.settings.unlisted = false;
  race.settings.recordable = false;
  room.system(text);
  room.changed();
}

/** Within 10 minutes of the end (not recorded, time limit not expired) a done race can go back to running. */
export function canReopen(room: RaceRoom): boolean {
  const { race } = room;
  const ended = race.endedAt ?? race.cancelledAt;
  if (
    (race.status !== 'finished' && race.status !== 'cancelled') ||
    race.recorded ||
    !ended ||
    !race.startedAt
  )
    return false;
  const now = room.now().getTime();
  const limit = race.startedAt.getTime() + race.settings.time_limit * 3_600_000;
  return now - ended.getTime() < 10 * MINUTE && now < limit;
}

/** Puts a finished/cancelled race back in progress (entrant undone/unforfeit, reference §6.1). */
export function reopenRace(room: RaceRoom): void {
  const { race } = room;
  race.status = 'in_progress';
  race.endedAt = null;
  race.cancelledAt = null;
  // A cancel made it unrecordable; running again restores the creation rule (custom goals never record).
  race.settings.recordable = race.settings.custom_goal === null && race.settings.ranked;
  room.system('Race timer restarted.');
}
