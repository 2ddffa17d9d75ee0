import { Type } from 'typebox';
import { defineEvent } from '../events/define-event.js';
import { MatchStateSchema } from './match-state.js';

/** What every match event carries about the match, so subscribers rarely need to read it back. */
export const MatchSnapshot = Type.Object({
  id: Type.Integer(),
  tournamentId: Type.Integer(),
  title: Type.Union([Type.String(), Type.Null()]),
  scheduledAt: Type.String({ description: 'ISO 8601 UTC' }),
  state: MatchStateSchema,
  playerIds: Type.Array(Type.Integer(), { description: 'In seat order' }),
  streamChannelId: Type.Union([Type.Integer(), Type.Null()]),
});
const WithMatch = <T extends Record<string, import('typebox').TSchema>>(extra: T) =>
  Type.Object({ match: MatchSnapshot, ...extra });

/** A match was created. */
export const MatchCreated = defineEvent('core.match.created', WithMatch({}), 'A match was scheduled');
/** Title, round or stream channel changed; `changed` lists the fields. */
export const MatchUpdated = defineEvent(
  'core.match.updated',
  WithMatch({ changed: Type.Array(Type.String()) }),
  'A match was changed',
);
/** The match moved: old and new times, so rooms and reminders can move their work. */
export const MatchRescheduled = defineEvent(
  'core.match.rescheduled',
  WithMatch({ previousScheduledAt: Type.String(), scheduledAt: Type.String() }),
  'A match was rescheduled',
);
/** The match was cancelled, with the reason given. */
export const MatchCancelled = defineEvent(
  'core.match.cancelled',
  WithMatch({ reason: Type.String() }),
  'A match was cancelled',
);
/** The derived state changed (check-in, start, finish, results recorded, or a manual change). */
export const MatchStateChanged = defineEvent(
  'core.match.state_changed',
  WithMatch({ from: MatchStateSchema, to: MatchStateSchema }),
  'A match changed state',
);
/** Players were added, removed or reseated (`added` and `removed` are empty for a new seat order). */
export const MatchPlayersChanged = defineEvent(
  'core.match.players_changed',
  WithMatch({ added: Type.Array(Type.Integer()), removed: Type.Array(Type.Integer()) }),
  'The players of a match changed',
);
/** Results were recorded (or corrected): placings per player. */
export const MatchFinished = defineEvent(
  'core.match.finished',
  WithMatch({
    placings: Type.Array(
      Type.Object({
        userId: Type.Integer(),
        finishRank: Type.Union([Type.Integer(), Type.Null()]),
        finishTime: Type.Union([Type.String(), Type.Null()]),
        status: Type.Union([Type.String(), Type.Null()]),
      }),
    ),
    correction: Type.Union([Type.String(), Type.Null()], {
      description: 'Reason, when results were corrected',
    }),
  }),
  'Results of a match were recorded or corrected',
);
