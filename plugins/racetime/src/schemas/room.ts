import { NullableTimestamp } from '@racedesk/core';
import { type TSchema, Type } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One entrant of the match's race, from the last race.data the tracker stored. */
export const RoomEntrant = Type.Object({
  racetimeId: Nullable(
    Type.String({ description: 'racetime.gg user id; null for deleted or hidden entrants' }),
  ),
  racetimeName: Type.String({ description: 'full_name on racetime.gg (name#discriminator)' }),
  userId: Nullable(Type.Integer({ description: 'The Racedesk user linked to that racetime account' })),
  status: Type.String({
    description: 'requested, invited, declined, not_ready, ready, in_progress, done, dnf, dq',
  }),
  place: Nullable(Type.Integer()),
  finishTime: Nullable(Type.String({ description: 'ISO 8601 duration as racetime.gg writes it' })),
});

/** The race in the room as last seen (null until the tracker stored one). */
export const RoomRace = Nullable(
  Type.Object({
    status: Type.String({
      description: 'racetime.gg race status: open, invitational, pending, in_progress, finished, cancelled',
    }),
    startedAt: Nullable(Type.String()),
    endedAt: Nullable(Type.String()),
  }),
);

/** A match's room as organizers see it, including why it was not opened. */
export const MatchRoom = Type.Object({
  status: Type.String({
    description: 'none, pending, skipped, opening, open, in_progress, finished, cancelled, failed',
  }),
  slug: Type.Union([Type.String(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  invited: Type.Array(Type.Object({ userId: Type.Integer(), racetimeId: Type.String() })),
  notInvited: Type.Array(Type.Object({ userId: Type.Integer(), reason: Type.String() })),
  skipReason: Type.Union([Type.String(), Type.Null()]),
  skipDetail: Type.Union([Type.String(), Type.Null()]),
  openAt: NullableTimestamp,
  race: RoomRace,
  entrants: Type.Array(RoomEntrant, { description: 'In racetime.gg order: finished by place first' }),
});

/** Querystring of `GET .../racetime/rooms`. */
export const RoomsQuery = Type.Object({
  matchIds: Type.String({
    minLength: 1,
    maxLength: 2000,
    description: 'Comma-separated match ids, at most 100, e.g. 1,2,3',
  }),
});

/** `GET .../racetime/rooms`: the rooms of the org's matches among `matchIds` (unknown ids left out). */
export const MatchRooms = Type.Object({
  items: Type.Array(Type.Object({ matchId: Type.Integer(), ...MatchRoom.properties })),
  nextCursor: Type.Null({ description: 'Always null: a lookup of at most 100 ids is one page' }),
});

/** Body of `POST .../matches/:id/room`. */
export const OpenRoomBody = Type.Object({
  goal: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  invitational: Type.Optional(Type.Boolean()),
});
