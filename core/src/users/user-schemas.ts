import { Type } from 'typebox';
import type { UserRef } from './user-repository.js';

/** A user in API responses. */
export const User = Type.Object(
  {
    id: Type.Integer(),
    discordId: Type.Union([Type.String(), Type.Null()]),
    discordUsername: Type.Union([Type.String(), Type.Null()]),
    displayName: Type.String(),
    avatar: Type.Union([Type.String(), Type.Null()]),
    timezone: Type.String(),
    isPlaceholder: Type.Boolean(),
    isSuperadmin: Type.Boolean(),
  },
  { title: 'User' },
);

/** What the API shows of a user. */
export const userView = (u: UserRef) => ({
  id: u.id,
  discordId: u.discordId,
  discordUsername: u.discordUsername,
  displayName: u.displayName,
  avatar: u.avatar,
  timezone: u.timezone,
  isPlaceholder: u.isPlaceholder,
  isSuperadmin: u.isSuperadmin,
});
