import type { Category } from './accounts.js';
import type { EmulatorState } from './emulator-state.js';
import {
  accessToken,
  empty,
  forbidden,
  type HttpExchange,
  type HttpReply,
  json,
  notFound,
  type Route,
} from './http-exchange.js';
import { applyRaceForm, EDIT_OPEN_FIELDS, EDIT_RUNNING_FIELDS, STARTRACE_FIELDS } from './race-form.js';
import { type Opener, openRace } from './race-lifecycle.js';
import { isDone, isOpen, MODEL_DEFAULTS, type Race, type RaceSettings } from './race-model.js';

/** Who is calling with a `create_race` token for this category: a bot by name, or a user id. */
type Caller = { bot: string } | { userId: string; name: string };

function caller(state: EmulatorState, exchange: HttpExchange, category: Category): Caller | null {
  const token = accessToken(state, exchange);
  if (!token?.scopes.includes('create_race')) return null;
  const app = state.accounts.apps.get(token.clientId);
  if (!app) return null;
  if (!token.userId)
    return app.kind === 'bot' && app.active && app.category === category.slug ? { bot: app.name } : null;
  const user = state.accounts.users.get(token.userId);
  return user ? { userId: user.id, name: state.accounts.fullName(user) } : null;
}

const formErrors = (errors: Record<string, string[]>): HttpReply => json(422, { errors });

function startrace(state: EmulatorState, exchange: HttpExchange): HttpReply {
  const category = state.accounts.categories.get(exchange.params[0] ?? '');
  if (!accessToken(state, exchange)) return forbidden();
  if (!category) return notFound();
  const who = caller(state, exchange, category);
  if (!who) return forbidden();
  if ('userId' in who && !state.accounts.canModerate(who.userId, category)) {
    const hasOpenRoom = [...state.rooms.values()].some(
      (r) => r.race.openedBy === who.userId && isOpen(r.race),
    );
    if (hasOpenRoom) return formErrors({ __all__: ['You can only have one open race room at a time.'] });
  }
  const result = applyRaceForm(exchange.form, category, STARTRACE_FIELDS, { ...MODEL_DEFAULTS });
  if ('errors' in result) return formErrors(result.errors);
  const opener: Opener = 'bot' in who ? { bot: who.bot } : { userId: who.userId };
  const room = openRace(state, category, result.settings, opener);
  return empty(201, { Location: `/${category.slug}/${room.race.slug}` });
}

/** System lines for what an edit changed (reference §4.2). */
function editAnnouncements(who: string, before: RaceSettings, after: RaceSettings): string[] {
  const lines: string[] = [];
  const goal = (s: RaceSettings) => s.custom_goal ?? s.goal;
  if (goal(before) !== goal(after)) lines.push(`${who} set a new goal: ${goal(after)}`);
  if (before.info_user !== after.info_user) lines.push(`${who} updated the race information.`);
  if (before.streaming_required !== after.streaming_required)
    lines.push(
      after.streaming_required
        ? 'Streaming is now required for this race.'
        : 'Streaming is now NOT required for this race.',
    );
  if (before.chat_message_delay !== after.chat_message_delay)
    lines.push(
      after.chat_message_delay
        ? `Chat delay is now ${after.chat_message_delay} seconds.`
        : 'Chat delay has been removed.',
    );
  return lines;
}

function canMonitor(state: EmulatorState, race: Race, userId: string): boolean {
  return (
    race.openedBy === userId ||
    race.monitors.includes(userId) ||
    state.accounts.canModerate(userId, race.category)
  );
}

function edit(state: EmulatorState, exchange: HttpExchange): HttpReply {
  const category = state.accounts.categories.get(exchange.params[0] ?? '');
  const room = state.rooms.get(exchange.params[1] ?? '');
  if (!accessToken(state, exchange)) return forbidden();
  if (!category || !room || room.race.category.slug !== category.slug) return notFound();
  const who = caller(state, exchange, category);
  if (!who) return forbidden();
  const race = room.race;
  if ('userId' in who && !canMonitor(state, race, who.userId)) return forbidden();
  if (isDone(race)) return forbidden();
  let fields = isOpen(race) ? EDIT_OPEN_FIELDS : EDIT_RUNNING_FIELDS;
  if (!race.settings.team_race) fields = fields.filter((f) => f !== 'require_even_teams');
  if (race.settings.hide_entrants)
    fields = fields.filter(
      (f) => !['allow_prerace_chat', 'allow_midrace_chat', 'allow_non_entrant_chat'].includes(f),
    );
  const result = applyRaceForm(exchange.form, race.category, fields, race.settings);
  if ('errors' in result) return formErrors(result.errors);
  const lines = editAnnouncements('bot' in who ? who.bot : who.name, race.settings, result.settings);
  race.settings = result.settings;
  for (const line of lines) room.system(line);
  room.changed();
  return empty(200);
}

/** `POST /o/{category}/startrace` (reference §4.1). */
export const START_RACE_ROUTE: Route = {
  method: 'POST',
  pattern: /^\/o\/([\w-]+)\/startrace$/,
  handle: startrace,
};

/** `POST /o/{category}/{slug}/edit` (reference §4.2). */
export const EDIT_RACE_ROUTE: Route = {
  method: 'POST',
  pattern: /^\/o\/([\w-]+)\/([\w-]+)\/edit$/,
  handle: edit,
};
