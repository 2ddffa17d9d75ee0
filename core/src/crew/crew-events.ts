import { Type } from 'typebox';
import { defineEvent } from '../events/define-event.js';

const CrewRef = Type.Object({
  crew: Type.Object({
    id: Type.Integer(),
    matchId: Type.Integer(),
    userId: Type.Integer(),
    role: Type.String(),
    approved: Type.Boolean(),
  }),
});

/** Someone signed up (or was added) as crew of a match. */
export const CrewSignedUp = defineEvent(
  'core.crew.signed_up',
  CrewRef,
  'A crew member signed up for a match',
);
/** A crew sign-up was approved. */
export const CrewApproved = defineEvent('core.crew.approved', CrewRef, 'A crew member was approved');
/** A crew approval was withdrawn. */
export const CrewUnapproved = defineEvent('core.crew.unapproved', CrewRef, 'A crew approval was withdrawn');
/** A crew member was removed from a match (or withdrew). */
export const CrewRemoved = defineEvent('core.crew.removed', CrewRef, 'A crew member was removed');
