import type { RawData } from 'ws';
import { ACTIONS_READING_DATA, BOT_ACTIONS } from './bot-actions.js';
import { type EmulatorState, RaceActionError } from './emulator-state.js';
import { movePlayer, type PlayerMove } from './entrant-transitions.js';
import { messageJson, userJson } from './race-json.js';
import type { RaceRoom, RoomSocket } from './race-room.js';

const INVALID_JSON =
  'Unable to process that message (encountered invalid or possibly corrupted data). Sorry about that.';
const UNKNOWN_ACTION = 'Action is missing or not recognised. Check your input and try again.';
const BAD_BOT_TOKEN = 'Permission denied. Check your authorization token.';
const BAD_USER_TOKEN = 'Permission denied, you may need to re-authorize this application.';

/** `/ws/o/race/` race commands and the player move each one makes (reference §5.5). */
const USER_COMMANDS: Record<string, PlayerMove> = {
  join: 'join',
  enter: 'join',
  leave: 'leave',
  unenter: 'leave',
  requestinvite: 'requestInvite',
  cancelinvite: 'cancelInvite',
  acceptinvite: 'acceptInvite',
  declineinvite: 'declineInvite',
  ready: 'ready',
  unready: 'unready',
  done: 'done',
  undone: 'undone',
  forfeit: 'forfeit',
  ff: 'forfeit',
  unforfeit: 'unforfeit',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Wires a freshly accepted socket: initial frames, then every action until it closes. */
export function attachRaceSocket(state: EmulatorState, room: RaceRoom, socket: RoomSocket): void {
  room.sockets.add(socket);
  socket.ws.on('close', () => room.sockets.delete(socket));
  socket.ws.on('message', (raw: RawData) => handleFrame(state, room, socket, raw.toString()));
  room.sendRace(socket);
}

function handleFrame(state: EmulatorState, room: RaceRoom, socket: RoomSocket, text: string): void {
  let frame: unknown = text;
  let parsed = true;
  try {
    frame = JSON.parse(text);
  } catch {
    parsed = false;
  }
  const action = isObject(frame) && typeof frame.action === 'string' ? frame.action : '';
  const data = isObject(frame) ? frame.data : frame;
  let errors: string[] | null = null;
  try {
    if (!parsed) throw new RaceActionError([INVALID_JSON]);
    runAction(state, room, socket, action, data);
  } catch (error) {
    if (!(error instanceof RaceActionError)) throw error;
    errors = error.errors;
    room.send(socket, 'error', { errors });
  }
  state.log.recordAction({
    slug: room.race.slug,
    endpoint: socket.kind,
    action,
    data,
    token: socket.token,
    errors,
    at: state.clock.now(),
  });
}

function runAction(
  state: EmulatorState,
  room: RaceRoom,
  socket: RoomSocket,
  action: string,
  data: unknown,
): void {
  if (action === 'ping') room.send(socket, 'pong');
  else if (action === 'getrace') room.sendRace(socket);
  else if (action === 'gethistory')
    sendHistory(state, room, socket, isObject(data) ? data.last_message : undefined);
  else if (socket.kind === 'bot') runBotAction(state, room, socket, action, data);
  else if (socket.kind === 'oauth') runUserAction(state, room, socket, action, data);
  else throw new RaceActionError([UNKNOWN_ACTION]);
}

function runBotAction(
  state: EmulatorState,
  room: RaceRoom,
  socket: RoomSocket,
  action: string,
  data: unknown,
): void {
  const handler = BOT_ACTIONS[action];
  if (!handler) throw new RaceActionError([UNKNOWN_ACTION]);
  const token = state.tokens.valid(socket.token);
  const app = token ? state.accounts.apps.get(token.clientId) : undefined;
  if (app?.kind !== 'bot' || !app.active || app.category !== room.race.category.slug)
    throw new RaceActionError([BAD_BOT_TOKEN]);
  if (ACTIONS_READING_DATA.has(action) && !isObject(data)) {
    // The real server raises an unhandled error here and the connection drops.
    socket.ws.close(1011);
    return;
  }
  handler({ state, room, bot: app, data: isObject(data) ? data : {} });
}

function runUserAction(
  state: EmulatorState,
  room: RaceRoom,
  socket: RoomSocket,
  action: string,
  data: unknown,
): void {
  if (action === 'authenticate') {
    const token = state.tokens.valid(
      isObject(data) && typeof data.oauth_token === 'string' ? data.oauth_token : null,
    );
    const user = token?.userId ? state.accounts.users.get(token.userId) : undefined;
    if (!token || !user)
      throw new RaceActionError(['Authentication failed, check your token is still valid.']);
    socket.token = token.token;
    socket.userId = user.id;
    room.send(socket, 'authenticated', { user: userJson(state.accounts, user, room.race.category) });
    return;
  }
  const move = USER_COMMANDS[action];
  if (!move && action !== 'message') throw new RaceActionError([UNKNOWN_ACTION]);
  const token = state.tokens.valid(socket.token);
  const scope = move ? 'race_action' : 'chat_message';
  if (!token?.userId || !token.scopes.includes(scope)) throw new RaceActionError([BAD_USER_TOKEN]);
  if (move) {
    movePlayer(state, room, token.userId, move);
    return;
  }
  const text = isObject(data) ? data.message : undefined;
  if (typeof text !== 'string' || text === '')
    throw new RaceActionError(['message: This field is required.']);
  room.post({ message: text, userId: token.userId, delay: room.race.settings.chat_message_delay });
}

/** Pinned messages plus the last 100 non-DM ones (or those after `last_message`); unpinned first. */
function sendHistory(state: EmulatorState, room: RaceRoom, socket: RoomSocket, lastMessage: unknown): void {
  const chat = room.race.chat.filter((m) => m.directTo === null);
  const after = chat.findIndex((m) => m.id === lastMessage);
  const recent = after >= 0 ? chat.slice(after + 1) : chat.slice(-100);
  const unpinned = recent.filter((m) => !m.isPinned);
  const pinned = chat.filter((m) => m.isPinned && (after < 0 || recent.includes(m)));
  const messages = [...unpinned, ...pinned].map((m) => messageJson(state.accounts, room.race, m));
  room.send(socket, 'chat.history', { messages });
}
