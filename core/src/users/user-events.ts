import { Type } from 'typebox';
import { defineEvent } from '../events/define-event.js';

/** A placeholder user was merged into a real one; everything keyed by `fromUserId` now belongs to `intoUserId`. */
export const UserMerged = defineEvent(
  'core.user.merged',
  Type.Object({ fromUserId: Type.Integer(), intoUserId: Type.Integer() }),
  'A placeholder user was merged into another user',
);
