import type { TimerClock } from '../../clock.js';
import type { Accounts } from './accounts.js';
import { isDone, isRunning, type Race } from './race-model.js';
import type { RaceRoom, RoomServices } from './race-room.js';
import type { TokenStore } from './token-store.js';

/** The emulator's whole state, handed to every route and socket handler. */
export interface EmulatorState extends RoomServices {
  clock: TimerClock;
  accounts: Accounts;
  tokens: TokenStore;
  rooms: Map<string, RaceRoom>;
  /** Who is logged in at `/o/authorize` and whether they approve (`userId: null` = not logged in). */
  consent: { userId: string | null; approve: boolean };
}

/** A user counts as active in a race where they are joined and still racing, until it is done. */
export function activeRoomOf(state: EmulatorState, userId: string): RaceRoom | undefined {
  for (const room of state.rooms.values()) {
    const race: Race = room.race;
    if (isDone(race)) continue;
    if (race.entrants.some((e) => e.userId === userId && isRunning(e))) return room;
  }
  return undefined;
}

/** An error an action answers with; its message is the reference's exact text. */
export class RaceActionError extends Error {
  constructor(readonly errors: string[]) {
    super(errors.join('; '));
    this.name = 'RaceActionError';
  }
}

/** Throws a {@link RaceActionError} with one message. */
export function refuse(message: string): never {
  throw new RaceActionError([message]);
}
