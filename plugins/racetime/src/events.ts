import { defineEvent } from '@racedesk/core';
import { type TSchema, Type } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Where a race event happened: the room and, for match rooms, the match and its tournament. */
const RoomRef = {
  category: Type.String(),
  roomSlug: Type.String({ description: '{category}/{slug}, e.g. alttpr/cool-doge-1234' }),
  roomName: Type.String({ description: 'The slug alone, e.g. cool-doge-1234' }),
  matchId: Nullable(Type.Integer()),
  tournamentId: Nullable(Type.Integer()),
};

/** Who an entrant event is about: the racetime user and the Racedesk user it resolves to. */
const EntrantRef = {
  racetimeUserId: Type.String(),
  racetimeUserName: Type.String(),
  userId: Nullable(Type.Integer({ description: 'The linked Racedesk user, if any' })),
  resolvedAs: Type.Union([Type.Literal('linked'), Type.Literal('system'), Type.Literal('unknown')], {
    description: 'linked: a Racedesk user; system: a bot; unknown: not linked to anyone',
  }),
  raceStatus: Type.String(),
};

/** The race itself changed status. */
export const RaceStatusChanged = defineEvent(
  'racetime.race.status_changed',
  Type.Object({
    ...RoomRef,
    oldStatus: Type.String(),
    newStatus: Type.String(),
    entrantCount: Type.Integer(),
    startedAt: Nullable(Type.String()),
    endedAt: Nullable(Type.String()),
  }),
  'A race room changed status (open, invitational, pending, in_progress, finished, cancelled)',
);

/** An entrant's status changed. */
export const EntrantStatusChanged = defineEvent(
  'racetime.entrant.status_changed',
  Type.Object({
    ...RoomRef,
    ...EntrantRef,
    oldStatus: Nullable(Type.String()),
    newStatus: Type.String(),
    finishTime: Nullable(Type.String({ description: 'ISO 8601 duration' })),
    place: Nullable(Type.Integer()),
  }),
  "An entrant's status changed in a race room",
);

/** Someone joined (or asked to join) a room. Not emitted for the first update after (re)connecting. */
export const EntrantJoined = defineEvent(
  'racetime.entrant.joined',
  Type.Object({ ...RoomRef, ...EntrantRef, initialStatus: Type.String() }),
  'Someone joined a race room',
);

/** Someone left a room. Not emitted for the first update after (re)connecting. */
export const EntrantLeft = defineEvent(
  'racetime.entrant.left',
  Type.Object({ ...RoomRef, ...EntrantRef, lastStatus: Type.String() }),
  'Someone left a race room',
);

/** The bot invited someone. */
export const EntrantInvited = defineEvent(
  'racetime.entrant.invited',
  Type.Object({ ...RoomRef, ...EntrantRef }),
  'The bot invited someone to a race room',
);

/** The bot opened a room. */
export const BotCreatedRace = defineEvent(
  'racetime.bot.created_race',
  Type.Object({
    ...RoomRef,
    goal: Type.String(),
    invitational: Type.Boolean(),
    botAction: Type.Literal('create'),
  }),
  'The bot opened a race room',
);

/** The bot joined a room (first connection, or after a restart). */
export const BotJoinedRace = defineEvent(
  'racetime.bot.joined_race',
  Type.Object({
    ...RoomRef,
    raceStatus: Type.String(),
    entrantCount: Type.Integer(),
    botAction: Type.Literal('join'),
  }),
  'The bot joined a race room',
);

/** A match's room was opened (automatically or by hand). */
export const RoomCreated = defineEvent(
  'racetime.room.created',
  Type.Object({
    ...RoomRef,
    url: Type.String(),
    manual: Type.Boolean(),
    invited: Type.Integer(),
    notInvited: Type.Array(Type.Object({ userId: Type.Integer(), reason: Type.String() })),
  }),
  "A match's race room was opened",
);

/** A match's room was not opened; the reason is on the room (GET .../matches/:id/room). */
export const RoomSkipped = defineEvent(
  'racetime.room.skipped',
  Type.Object({
    matchId: Type.Integer(),
    tournamentId: Type.Integer(),
    reason: Type.String(),
    detail: Type.String(),
    openAt: Nullable(Type.String()),
  }),
  "A match's race room was not opened, and why",
);

/** An early check (24 h / 2 h before the open time) found a problem organizers must fix. */
export const RoomAtRisk = defineEvent(
  'racetime.room.at_risk',
  Type.Object({
    matchId: Type.Integer(),
    tournamentId: Type.Integer(),
    reason: Type.String(),
    detail: Type.String(),
    openAt: Type.String(),
    hoursBefore: Type.Integer(),
  }),
  "A match's race room will not open unless something is fixed",
);

/** The race was cancelled on racetime.gg: the room is unlinked and the match is back to scheduled. */
export const RoomCancelled = defineEvent(
  'racetime.room.cancelled',
  Type.Object({ ...RoomRef }),
  "A match's race was cancelled on racetime.gg",
);

/** A bot's connection status changed. */
export const BotStatusChanged = defineEvent(
  'racetime.bot.status_changed',
  Type.Object({
    botId: Type.Integer(),
    category: Type.String(),
    status: Type.String(),
    message: Nullable(Type.String()),
  }),
  "A racetime bot's connection status changed",
);

/** A user linked a racetime account. */
export const AccountLinked = defineEvent(
  'racetime.account.linked',
  Type.Object({ userId: Type.Integer(), racetimeId: Type.String(), racetimeName: Type.String() }),
  'A user linked a racetime.gg account',
);

/** A user removed their racetime link. */
export const AccountUnlinked = defineEvent(
  'racetime.account.unlinked',
  Type.Object({ userId: Type.Integer(), racetimeId: Type.String() }),
  'A user removed their racetime.gg link',
);

/** Every event of the plugin, for `definePlugin({ events })`. */
export const RACETIME_EVENTS = [
  RaceStatusChanged,
  EntrantStatusChanged,
  EntrantJoined,
  EntrantLeft,
  EntrantInvited,
  BotCreatedRace,
  BotJoinedRace,
  RoomCreated,
  RoomSkipped,
  RoomAtRisk,
  RoomCancelled,
  BotStatusChanged,
  AccountLinked,
  AccountUnlinked,
];
