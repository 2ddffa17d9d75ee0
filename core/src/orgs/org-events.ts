import { Type } from 'typebox';
import { defineEvent } from '../events/define-event.js';

const MemberRef = Type.Object({ userId: Type.Integer(), role: Type.String() });

/** A new organization exists. */
export const OrgCreated = defineEvent(
  'core.org.created',
  Type.Object({ slug: Type.String() }),
  'An organization was created',
);
/** Someone joined an organization (or was added). */
export const MemberAdded = defineEvent(
  'core.member.added',
  MemberRef,
  'A user became a member of an organization',
);
/** A member's role changed; `role` is the new one. */
export const MemberRoleChanged = defineEvent(
  'core.member.role_changed',
  MemberRef,
  "A member's role changed",
);
/** Someone left an organization (or was removed); `role` is the one they had. */
export const MemberRemoved = defineEvent('core.member.removed', MemberRef, 'A member left or was removed');
