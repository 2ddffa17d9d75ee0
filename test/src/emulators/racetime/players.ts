import type { EmulatorState } from './emulator-state.js';
import { movePlayer, type PlayerMove } from './entrant-transitions.js';
import type { ChatMessageJson } from './json-types.js';
import { messageJson } from './race-json.js';
import { finishIfNobodyRunning } from './race-lifecycle.js';
import { entrantOf } from './race-model.js';
import type { RaceRoom } from './race-room.js';

/**
 * Scripted players: what real users would do on the racetime web page. Each call applies at once,
 * broadcasts like the real server, and throws a `RaceActionError` when the real server would refuse.
 */
export interface ScriptedPlayers {
  /** Joins an open race (`not_ready`). */
  join(slug: string, userId: string): void;
  /** Asks to join an invitational race (`requested`); a bot may then `accept_request`. */
  requestInvite(slug: string, userId: string): void;
  /** Withdraws a join request. */
  cancelRequest(slug: string, userId: string): void;
  /** Accepts a bot's invitation (`invited` → `not_ready`). */
  acceptInvite(slug: string, userId: string): void;
  /** Declines a bot's invitation (the entry is deleted). */
  declineInvite(slug: string, userId: string): void;
  /** Readies up; may trigger the auto-start countdown. */
  ready(slug: string, userId: string): void;
  unready(slug: string, userId: string): void;
  /** Leaves a race that has not started. */
  leave(slug: string, userId: string): void;
  /** Finishes (`.done`); refused in the first 5 s after the start. */
  finish(slug: string, userId: string): void;
  /** Undoes a finish; re-opens a finished race within 10 minutes. */
  undone(slug: string, userId: string): void;
  /** Forfeits (`dnf`). */
  forfeit(slug: string, userId: string): void;
  unforfeit(slug: string, userId: string): void;
  /** Posts an ordinary chat message as the user (e.g. `!roll` commands bots react to). */
  say(slug: string, userId: string, text: string): ChatMessageJson;
  /** A category moderator disqualifies the entrant (`dq`). */
  disqualify(slug: string, userId: string): void;
  /** Sets whether the user's Twitch stream is live (checked by `ready` when streaming is required). */
  setStreamLive(userId: string, live: boolean): void;
}

export function createScriptedPlayers(state: EmulatorState): ScriptedPlayers {
  const room = (slug: string): RaceRoom => {
    const found = state.rooms.get(slug);
    if (!found) throw new Error(`Unknown racetime race "${slug}"`);
    return found;
  };
  const move =
    (m: PlayerMove) =>
    (slug: string, userId: string): void =>
      movePlayer(state, room(slug), userId, m);
  return {
    join: move('join'),
    requestInvite: move('requestInvite'),
    cancelRequest: move('cancelInvite'),
    acceptInvite: move('acceptInvite'),
    declineInvite: move('declineInvite'),
    ready: move('ready'),
    unready: move('unready'),
    leave: move('leave'),
    finish: move('done'),
    undone: move('undone'),
    forfeit: move('forfeit'),
    unforfeit: move('unforfeit'),
    say(slug, userId, text) {
      const r = room(slug);
      state.accounts.user(userId);
      const message = r.post({ message: text, userId, delay: r.race.settings.chat_message_delay });
      return messageJson(state.accounts, r.race, message);
    },
    disqualify(slug, userId) {
      const r = room(slug);
      const entrant = entrantOf(r.race, userId);
      if (entrant?.state !== 'joined') throw new Error(`${userId} is not a joined entrant of ${slug}`);
      entrant.dq = true;
      r.system(
        `${state.accounts.fullName(state.accounts.user(userId))} has been disqualified from the race.`,
      );
      r.changed();
      finishIfNobodyRunning(r);
    },
    setStreamLive(userId, live) {
      state.accounts.user(userId).streamLive = live;
    },
  };
}
