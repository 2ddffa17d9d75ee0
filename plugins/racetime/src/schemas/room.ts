import { NullableTimestamp } from '@racedesk/core';
import { Type } from 'typebox';

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
});

/** Body of `POST .../matches/:id/room`. */
export const OpenRoomBody = Type.Object({
  goal: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  invitational: Type.Optional(Type.Boolean()),
});
