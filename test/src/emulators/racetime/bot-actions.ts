import type { BotApp, EmulatorUser } from './accounts.js';
import { activeRoomOf, type EmulatorState, RaceActionError, refuse } from './emulator-state.js';
import { messageJson } from './race-json.js';
import { autoStartIfReady, beginRace, canBegin, cancelRace } from './race-lifecycle.js';
import { type Entrant, entrantOf, isChatClosed, isDone, isOpen } from './race-model.js';
import type { RaceRoom } from './race-room.js';
import { pythonJsonLength } from './value-formats.js';

/** What a bot action runs with. */
export interface BotActionContext {
  state: EmulatorState;
  room: RaceRoom;
  bot: BotApp;
  data: Record<string, unknown>;
}

type BotAction = (ctx: BotActionContext) => void;

const GUID = /^[0-9a-z-]+$/;
const GUID_WINDOW_MS = 300_000;
const tooLong = (field: string, value: string) =>
  `${field}: Ensure this value has at most 1000 characters (it has ${value.length}).`;

function targetUser(ctx: BotActionContext): EmulatorUser | undefined {
  return typeof ctx.data.user === 'string' ? ctx.state.accounts.users.get(ctx.data.user) : undefined;
}

function targetEntrant(ctx: BotActionContext): { user: EmulatorUser; entrant: Entrant; name: string } {
  const user = targetUser(ctx);
  const entrant = user && entrantOf(ctx.room.race, user.id);
  if (!user || !entrant) refuse('Specified user is not a race entrant.');
  return { user, entrant, name: ctx.state.accounts.fullName(user) };
}

/** Posts the system line then broadcasts race.data/renders (reference §5.8). */
function announce(ctx: BotActionContext, text: string): void {
  ctx.room.system(text);
  ctx.room.changed();
}

function message(ctx: BotActionContext): void {
  const { data, room } = ctx;
  const guid = data.guid;
  if (typeof guid !== 'string' || !GUID.test(guid))
    refuse('Bad request, no GUID supplied. A unique string is required to prevent duplicate messaging.');
  const now = room.now().getTime();
  const seen = room.race.guids.get(guid);
  if (seen !== undefined && now - seen < GUID_WINDOW_MS) return;
  if (isChatClosed(room.race, room.now()))
    refuse('This race chat is now closed. No new messages may be added.');
  const errors: string[] = [];
  const text = data.message;
  if (typeof text !== 'string' || text === '') errors.push('message: This field is required.');
  else if (text.length > 1000) errors.push(tooLong('message', text));
  const directTo = data.direct_to ?? null;
  if (directTo !== null && (typeof directTo !== 'string' || !ctx.state.accounts.users.has(directTo)))
    errors.push('direct_to: Unrecognised user');
  const actions = data.actions ?? null;
  const actionsObject =
    typeof actions === 'object' && actions !== null ? (actions as Record<string, unknown>) : null;
  if (actionsObject && Object.keys(actionsObject).length > 4)
    errors.push('actions: A message may only have up to 4 actions.');
  if (errors.length > 0) throw new RaceActionError(errors);
  room.race.guids.set(guid, now);
  const dm = typeof directTo === 'string';
  room.post({
    message: String(text),
    bot: ctx.bot.name,
    directTo: dm ? directTo : null,
    actions: dm ? null : actionsObject,
    isPinned: !dm && data.pinned === true,
  });
}

function pin(pinned: boolean): BotAction {
  return ({ data, room, state }) => {
    if (isChatClosed(room.race, room.now())) refuse('This race chat is now closed.');
    const found = room.race.chat.find((m) => m.id === data.message);
    if (!found) refuse('Could not find a message with that ID.');
    if (found.isPinned === pinned || found.directTo) return;
    found.isPinned = pinned;
    room.broadcast(pinned ? 'chat.pin' : 'chat.unpin', {
      message: messageJson(state.accounts, room.race, found),
    });
  };
}

function setinfo(ctx: BotActionContext): void {
  const { data, room } = ctx;
  const fields: Record<'info_bot' | 'info_user', unknown> = {
    info_bot: data.info_bot,
    info_user: data.info_user ?? data.info,
  };
  const errors = Object.entries(fields)
    .filter(([, v]) => typeof v === 'string' && v.length > 1000)
    .map(([k, v]) => tooLong(k, String(v)));
  if (errors.length > 0) throw new RaceActionError(errors);
  // Only present, non-empty values are written: an empty string cannot clear a field.
  if (typeof fields.info_bot === 'string' && fields.info_bot) room.race.settings.info_bot = fields.info_bot;
  if (typeof fields.info_user === 'string' && fields.info_user)
    room.race.settings.info_user = fields.info_user;
  announce(ctx, `##bot##${ctx.bot.name}## updated the race information.`);
}

function setmeta({ data, room }: BotActionContext): void {
  const merged = { ...room.race.botMeta, ...data };
  if (pythonJsonLength({ bot_meta: merged }) > 2048) refuse('Data provided is too large to save.');
  room.race.botMeta = merged;
  room.race.version++;
}

function invite(ctx: BotActionContext): void {
  const { room, state } = ctx;
  const user = targetUser(ctx);
  if (!user) refuse('No user found matching the given ID.');
  const name = state.accounts.fullName(user);
  if (entrantOf(room.race, user.id)) refuse(`${name} is already an entrant.`);
  if ((room.race.settings.streaming_required && !user.twitchName) || activeRoomOf(state, user.id))
    refuse(`${name} is not allowed to join this race.`);
  if (!isOpen(room.race)) refuse('User is not eligible to join this race.');
  room.race.entrants.push({
    userId: user.id,
    state: 'invited',
    ready: false,
    finishTime: null,
    dnf: false,
    dq: false,
    comment: null,
    streamOverride: false,
  });
  announce(ctx, `${ctx.bot.name} invites ${name} to join the race.`);
}

/** Every bot action by name, with the reference's guards and chat lines (reference §5.4). */
export const BOT_ACTIONS: Record<string, BotAction> = {
  message,
  pin_message: pin(true),
  unpin_message: pin(false),
  setinfo,
  setmeta,
  invite,
  make_open: (ctx) => {
    if (ctx.room.race.status !== 'invitational') refuse('Race is not an invitational.');
    ctx.room.race.status = 'open';
    announce(ctx, `${ctx.bot.name} sets the race to be open. Anyone may now join.`);
  },
  make_invitational: (ctx) => {
    if (ctx.room.race.status !== 'open') refuse('Race is not open.');
    ctx.room.race.status = 'invitational';
    announce(ctx, `${ctx.bot.name} sets the race to be invite only.`);
  },
  begin: ({ room, bot }) => {
    if (!canBegin(room.race)) refuse('Race cannot be started yet.');
    beginRace(room, bot.name);
  },
  cancel: ({ room, bot }) => {
    if (isDone(room.race)) refuse(`Cannot cancel a race that is in ${room.race.status} state.`);
    cancelRace(room, `This race has been cancelled by ${bot.name}.`);
  },
  accept_request: (ctx) => {
    const { entrant, name } = targetEntrant(ctx);
    if (entrant.state !== 'requested')
      refuse('This user has not requested to join this race. Refresh to continue.');
    entrant.state = 'joined';
    announce(ctx, `${ctx.bot.name} accepts a request to join from ${name}.`);
  },
  force_unready: (ctx) => {
    const { entrant, name } = targetEntrant(ctx);
    if (entrant.state !== 'joined' || !entrant.ready || !isOpen(ctx.room.race))
      refuse('You cannot force this entrant to unready at this time. Refresh to continue.');
    entrant.ready = false;
    announce(ctx, `${ctx.bot.name} unreadies ${name}.`);
  },
  remove_entrant: (ctx) => {
    const { entrant, name } = targetEntrant(ctx);
    if (!isOpen(ctx.room.race) || entrant.state === 'declined')
      refuse('You cannot remove this entrant at this time. Refresh to continue.');
    ctx.room.race.entrants = ctx.room.race.entrants.filter((e) => e !== entrant);
    announce(ctx, `${ctx.bot.name} removes ${name} from the race.`);
    autoStartIfReady(ctx.room);
  },
  add_monitor: (ctx) => {
    const { user, name } = targetEntrant(ctx);
    const race = ctx.room.race;
    if (race.monitors.length > 5) refuse('Races cannot have more than 5 monitors.');
    const already =
      race.monitors.includes(user.id) ||
      race.openedBy === user.id ||
      ctx.state.accounts.canModerate(user.id, race.category);
    if (isDone(race) || already) return;
    race.monitors.push(user.id);
    announce(ctx, `${ctx.bot.name} promoted ${name} to race monitor.`);
  },
  remove_monitor: (ctx) => {
    const { user, name } = targetEntrant(ctx);
    const race = ctx.room.race;
    if (isDone(race) || !race.monitors.includes(user.id)) return;
    race.monitors = race.monitors.filter((id) => id !== user.id);
    announce(ctx, `${ctx.bot.name} demoted ${name} from race monitor.`);
  },
  override_stream: (ctx) => {
    const { user, entrant, name } = targetEntrant(ctx);
    const race = ctx.room.race;
    const allowed =
      entrant.state === 'joined' &&
      isOpen(race) &&
      race.settings.streaming_required &&
      !race.settings.partitionable &&
      !user.streamLive &&
      !entrant.streamOverride;
    if (!allowed)
      refuse('You cannot set a stream override for this entrant at this time. Refresh to continue.');
    entrant.streamOverride = true;
    announce(ctx, `${ctx.bot.name} sets a stream override for ${name}.`);
  },
};

/** Actions that read `data`: without a `data` object the real server errors and drops the socket. */
export const ACTIONS_READING_DATA = new Set([
  'message',
  'pin_message',
  'unpin_message',
  'setinfo',
  'setmeta',
  'invite',
  'accept_request',
  'force_unready',
  'remove_entrant',
  'add_monitor',
  'remove_monitor',
  'override_stream',
]);
