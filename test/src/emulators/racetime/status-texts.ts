import type { StatusJson } from './json-types.js';
import type { RaceStatus } from './race-model.js';

const triple = (value: string, verbose_value: string, help_text: string): StatusJson => ({
  value,
  verbose_value,
  help_text,
});

/** Race status triples (reference §3.5). */
export const RACE_STATUS: Record<RaceStatus, StatusJson> = {
  open: triple('open', 'Open', 'Anyone may join this race'),
  invitational: triple('invitational', 'Invitational', 'Only invitees may join this race'),
  pending: triple('pending', 'Getting ready', 'Waiting for race to begin'),
  in_progress: triple('in_progress', 'In progress', 'Race is in progress'),
  finished: triple('finished', 'Finished', 'This race has been completed'),
  cancelled: triple('cancelled', 'Cancelled', 'This race has been cancelled'),
  partitioned: triple('partitioned', 'Partitioned', 'Race has been partitioned into separate 1v1 races'),
};

/** Entrant status values (reference §3.5). */
export type EntrantStatus =
  | 'requested'
  | 'invited'
  | 'declined'
  | 'partitioned'
  | 'dnf'
  | 'dq'
  | 'done'
  | 'in_progress'
  | 'ready'
  | 'not_ready';

export const ENTRANT_STATUS: Record<EntrantStatus, StatusJson> = {
  requested: triple('requested', 'Join request', 'Wishes to join the race.'),
  invited: triple('invited', 'Invited', 'Invited to join the race.'),
  declined: triple('declined', 'Declined', 'Declined invitation to join.'),
  partitioned: triple('partitioned', 'Partitioned', 'Moved to partitioned race room.'),
  dnf: triple('dnf', 'DNF', 'Did not finish the race.'),
  dq: triple('dq', 'DQ', 'Disqualified by a category moderator.'),
  done: triple('done', 'Finished', 'Finished the race.'),
  in_progress: triple('in_progress', 'In progress', "Still flyin'."),
  ready: triple('ready', 'Ready', 'Ready to begin the race.'),
  not_ready: triple('not_ready', 'Not ready', 'Not ready to begin yet.'),
};
