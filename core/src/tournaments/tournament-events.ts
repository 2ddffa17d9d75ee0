import { Type } from 'typebox';
import { defineEvent } from '../events/define-event.js';

const TournamentRef = Type.Object({
  tournament: Type.Object({ id: Type.Integer(), slug: Type.String(), name: Type.String() }),
});

/** A tournament was created. */
export const TournamentCreated = defineEvent(
  'core.tournament.created',
  TournamentRef,
  'A tournament was created',
);
/** A tournament's name, description, time zone or crew needs changed; `changed` lists the fields. */
export const TournamentUpdated = defineEvent(
  'core.tournament.updated',
  Type.Intersect([TournamentRef, Type.Object({ changed: Type.Array(Type.String()) })]),
  'A tournament was changed',
);
/** A tournament was archived (its matches stay). */
export const TournamentArchived = defineEvent(
  'core.tournament.archived',
  TournamentRef,
  'A tournament was archived',
);
