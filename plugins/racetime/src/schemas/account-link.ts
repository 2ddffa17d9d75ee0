import { Timestamp } from '@racedesk/core';
import { type Static, Type } from 'typebox';

/** A user's racetime link as they see it (tokens never leave the server). */
export const AccountLink = Type.Object({
  racetimeId: Type.String(),
  racetimeName: Type.String(),
  linkedAt: Timestamp,
});
/** A link view. */
export type AccountLinkView = Static<typeof AccountLink>;

/** The OAuth2 callback's query. */
export const CallbackQuery = Type.Object({
  code: Type.Optional(Type.String({ maxLength: 500 })),
  state: Type.Optional(Type.String({ maxLength: 500 })),
  error: Type.Optional(Type.String({ maxLength: 200 })),
});
