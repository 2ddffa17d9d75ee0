// What a player does in a room (reference §6.2). Guards throw RaceActionError; the chat lines for
// players' own actions are not quoted in the reference, so they are recognisable approximations.
import { activeRoomOf, type EmulatorState, refuse } from './emulator-state.js';
import { finishers } from './race-json.js';
import { autoStartIfReady, canReopen, finishIfNobodyRunning, reopenRace } from './race-lifecycle.js';
import { type Entrant, entrantOf, isOpen, isRunning, joined } from './race-model.js';
import type { RaceRoom } from './race-room.js';
import { chatDuration, ordinal } from './value-formats.js';

/** The player operations scripted players (and `/ws/o/race/` user sockets) can perform. */
export type PlayerMove =
  | 'join'
  | 'requestInvite'
  | 'cancelInvite'
  | 'acceptInvite'
  | 'declineInvite'
  | 'ready'
  | 'unready'
  | 'leave'
  | 'done'
  | 'undone'
  | 'forfeit'
  | 'unforfeit';

const EARLY_MS = 5000;

function mustBeEntrant(room: RaceRoom, userId: string): Entrant {
  return entrantOf(room.race, userId) ?? refuse('You are not an entrant in this race.');
}

function checkCanJoin(state: EmulatorState, room: RaceRoom, userId: string): void {
  const user = state.accounts.user(userId);
  if (entrantOf(room.race, userId)) refuse('You are already an entrant in this race.');
  if (activeRoomOf(state, userId)) refuse('You are already an entrant in another race.');
  if (room.race.settings.streaming_required && !user.twitchName)
    refuse('You need to connect a Twitch account to join this race.');
}

/** Applies one player move, posting its chat line and broadcasting the new race state. */
export function movePlayer(state: EmulatorState, room: RaceRoom, userId: string, move: PlayerMove): void {
  const { race } = room;
  const name = state.accounts.fullName(state.accounts.user(userId));
  const add = (entry: Entrant['state']) =>
    race.entrants.push({
      userId,
      state: entry,
      ready: false,
      finishTime: null,
      dnf: false,
      dq: false,
      comment: null,
      streamOverride: false,
    });
  const remove = (e: Entrant) => {
    race.entrants = race.entrants.filter((x) => x !== e);
  };
  const sinceStart = () => room.now().getTime() - (race.startedAt?.getTime() ?? 0);
  let text: string;
  switch (move) {
    case 'join': {
      if (race.status !== 'open') refuse('This race is not open for entry.');
      checkCanJoin(state, room, userId);
      add('joined');
      text = `${name} joins the race.`;
      break;
    }
    case 'requestInvite': {
      if (race.status !== 'invitational') refuse('This race is not invitational.');
      checkCanJoin(state, room, userId);
      add('requested');
      text = `${name} requests to join the race.`;
      break;
    }
    case 'cancelInvite': {
      const e = mustBeEntrant(room, userId);
      if (e.state !== 'requested') refuse('You have not requested to join this race.');
      remove(e);
      text = `${name} cancels their request to join the race.`;
      break;
    }
    case 'acceptInvite':
    case 'declineInvite': {
      const e = mustBeEntrant(room, userId);
      if (e.state !== 'invited' || !isOpen(race)) refuse('You have not been invited to this race.');
      if (move === 'acceptInvite') e.state = 'joined';
      else remove(e);
      text =
        move === 'acceptInvite'
          ? `${name} accepts an invitation to join the race.`
          : `${name} declines an invitation to join the race.`;
      break;
    }
    case 'ready': {
      const e = mustBeEntrant(room, userId);
      if (!isOpen(race) || e.state !== 'joined' || e.ready) refuse('You cannot ready up at this time.');
      const user = state.accounts.user(userId);
      if (race.settings.streaming_required && !user.streamLive && !e.streamOverride)
        refuse('You must be streaming to ready up for this race.');
      e.ready = true;
      text = `${name} is ready! (${joined(race).filter((x) => !x.ready).length} remaining)`;
      break;
    }
    case 'unready': {
      const e = mustBeEntrant(room, userId);
      if (!isOpen(race) || !e.ready) refuse('You cannot unready at this time.');
      e.ready = false;
      text = `${name} is not ready.`;
      break;
    }
    case 'leave': {
      const e = mustBeEntrant(room, userId);
      if (!isOpen(race)) refuse('You cannot leave the race at this time.');
      remove(e);
      text = `${name} quits the race.`;
      break;
    }
    case 'done':
    case 'forfeit': {
      const e = mustBeEntrant(room, userId);
      if (race.status !== 'in_progress' || !isRunning(e)) refuse('You cannot do that at this time.');
      if (sinceStart() < EARLY_MS) refuse('You cannot finish this early, please wait a few seconds.');
      if (move === 'forfeit') {
        e.dnf = true;
        text = `${name} has forfeited from the race.`;
      } else {
        e.finishTime = sinceStart();
        const place = finishers(race).indexOf(e) + 1;
        text = `${name} has ##good##finished## in ${ordinal(place)} place with a time of ${chatDuration(e.finishTime, false)}!`;
      }
      break;
    }
    case 'undone':
    case 'unforfeit': {
      const e = mustBeEntrant(room, userId);
      const wasDone = move === 'undone' ? e.finishTime !== null && !e.dnf : e.dnf;
      if (!wasDone || (race.status !== 'in_progress' && !canReopen(room)))
        refuse('You cannot do that at this time.');
      if (race.status !== 'in_progress') reopenRace(room);
      if (move === 'undone') e.finishTime = null;
      else e.dnf = false;
      text = move === 'undone' ? `${name} is no longer done.` : `${name} has un-forfeited from the race.`;
      break;
    }
  }
  room.system(text);
  room.changed();
  if (move === 'ready') autoStartIfReady(room);
  if (move === 'done' || move === 'forfeit') finishIfNobodyRunning(room);
}
