import type { EmulatorState } from './emulator-state.js';
import type { ChatMessageJson, RaceJson } from './json-types.js';
import { messageJson, raceJson } from './race-json.js';
import { openRace } from './race-lifecycle.js';
import { isDone, MODEL_DEFAULTS, type RaceSettings } from './race-model.js';
import type { RaceRoom } from './race-room.js';

/** Test access to races: read them as the API would serve them, open them directly, record them. */
export interface RaceControls {
  /** The race as `GET /{category}/{slug}/data` serves it, or `undefined`. */
  get(slug: string): RaceJson | undefined;
  /** Like `get` but throws for an unknown slug. */
  require(slug: string): RaceJson;
  /** Every race (optionally of one category), unlisted and finished ones included, oldest first. */
  list(category?: string): RaceJson[];
  /** Every chat message of the race in posting order, DMs included (with their text). */
  chat(slug: string): ChatMessageJson[];
  /** Opens a race without HTTP, as a user (`openedBy`) or a bot; returns its slug. */
  open(
    category: string,
    options?: { settings?: Partial<RaceSettings>; openedBy?: string; bot?: string },
  ): string;
  /** A category moderator records a done race (`recorded: true`, listed); chat then closes. */
  record(slug: string, byUserId?: string | null): void;
  /** How many websockets are connected to the race right now. */
  socketCount(slug: string): number;
}

export function createRaceControls(state: EmulatorState): RaceControls {
  const room = (slug: string): RaceRoom => {
    const found = state.rooms.get(slug);
    if (!found) throw new Error(`Unknown racetime race "${slug}"`);
    return found;
  };
  return {
    get: (slug) => {
      const found = state.rooms.get(slug);
      return found ? raceJson(state.accounts, found.race) : undefined;
    },
    require: (slug) => raceJson(state.accounts, room(slug).race),
    list: (category) =>
      [...state.rooms.values()]
        .filter((r) => !category || r.race.category.slug === category)
        .map((r) => raceJson(state.accounts, r.race)),
    chat: (slug) => {
      const { race } = room(slug);
      return race.chat.map((m) => messageJson(state.accounts, race, m));
    },
    open: (category, options = {}) => {
      const found = state.accounts.categories.get(category);
      if (!found) throw new Error(`Unknown racetime category "${category}"`);
      const settings: RaceSettings = {
        ...MODEL_DEFAULTS,
        goal: found.goals[0] ?? null,
        custom_goal: found.goals[0] ? null : 'Custom goal',
        ...options.settings,
      };
      const opener = options.bot ? { bot: options.bot } : { userId: options.openedBy ?? '' };
      return openRace(state, found, settings, opener).race.slug;
    },
    record: (slug, byUserId = null) => {
      const r = room(slug);
      if (!isDone(r.race) || !r.race.settings.recordable) throw new Error(`Race ${slug} cannot be recorded`);
      r.race.recorded = true;
      r.race.recordedBy = byUserId;
      r.race.settings.unlisted = false;
      r.changed();
    },
    socketCount: (slug) => room(slug).sockets.size,
  };
}
