import type { Category } from './accounts.js';
import type { EmulatorState } from './emulator-state.js';
import {
  forbidden,
  type HttpExchange,
  type HttpReply,
  notFound,
  publicJson,
  type Route,
} from './http-exchange.js';
import { EDIT_RACE_ROUTE, START_RACE_ROUTE } from './race-editing.js';
import { categorySummaryJson, raceJson, raceSummaryJson, userJson } from './race-json.js';
import { isDone, type Race } from './race-model.js';

const current = (race: Race): boolean => !isDone(race);

function racesOf(state: EmulatorState, category: Category): Race[] {
  return [...state.rooms.values()].map((r) => r.race).filter((r) => r.category.slug === category.slug);
}

function categoryData(state: EmulatorState, category: Category, includeUnlisted: boolean): HttpReply {
  const users = (ids: string[]) =>
    ids
      .map((id) => state.accounts.users.get(id))
      .filter((u) => u !== undefined)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => userJson(state.accounts, u, category));
  const races = racesOf(state, category).filter(
    (r) => current(r) && (includeUnlisted || !r.settings.unlisted),
  );
  return publicJson(state, {
    ...categorySummaryJson(category),
    info: category.info,
    streaming_required: category.streamingRequired,
    owners: users(category.owners),
    moderators: users(category.moderators),
    goals: category.goals,
    current_races: races.map((r) => raceSummaryJson(state.accounts, r)),
    emotes: {},
  });
}

function pastRaces(state: EmulatorState, category: Category, query: URLSearchParams): HttpReply {
  const pageText = query.get('page') ?? '1';
  if (!/^\d+$/.test(pageText)) return { status: 400, body: '' };
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? '10') || 10));
  const showEntrants = ['true', 'yes', '1'].includes((query.get('show_entrants') ?? '').toLowerCase());
  const races = racesOf(state, category)
    .filter((r) => r.status === 'finished' && !r.settings.unlisted)
    .sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0));
  const page = Math.max(1, Number(pageText));
  return publicJson(state, {
    count: races.length,
    num_pages: Math.max(1, Math.ceil(races.length / perPage)),
    races: races
      .slice((page - 1) * perPage, page * perPage)
      .map((r) => raceSummaryJson(state.accounts, r, { includeEntrants: showEntrants })),
  });
}

/** Looks up the category named by the first path parameter; 404 when unknown. */
function withCategory(
  handle: (state: EmulatorState, category: Category, exchange: HttpExchange) => HttpReply,
): Route['handle'] {
  return (state, exchange) => {
    const category = state.accounts.categories.get(exchange.params[0] ?? '');
    return category ? handle(state, category, exchange) : notFound();
  };
}

/** Public and bot read endpoints plus race creation/editing (reference §3, §4). */
export const RACE_ROUTES: Route[] = [
  {
    method: 'GET',
    pattern: /^\/categories\/data$/,
    handle: (state) =>
      publicJson(state, { categories: [...state.accounts.categories.values()].map(categorySummaryJson) }),
  },
  {
    method: 'GET',
    pattern: /^\/races(?:\/data|\.json)$/,
    handle: (state) =>
      publicJson(state, {
        races: [...state.rooms.values()]
          .map((r) => r.race)
          .filter((r) => current(r) && !r.settings.unlisted)
          .map((r) => raceSummaryJson(state.accounts, r, { includeCategory: true })),
      }),
  },
  START_RACE_ROUTE,
  EDIT_RACE_ROUTE,
  {
    method: 'GET',
    pattern: /^\/o\/([\w-]+)\/data$/,
    handle: withCategory((state, category, exchange) => {
      const token = state.tokens.valid(
        exchange.req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? null,
      );
      const app = token ? state.accounts.apps.get(token.clientId) : undefined;
      if (app?.kind !== 'bot' || !app.active || app.category !== category.slug) return forbidden();
      return categoryData(state, category, true);
    }),
  },
  {
    method: 'GET',
    pattern: /^\/([\w-]+)(?:\/data|\.json)$/,
    handle: withCategory((state, category) => categoryData(state, category, false)),
  },
  {
    method: 'GET',
    pattern: /^\/([\w-]+)\/races(?:\/data|\.json)$/,
    handle: withCategory((state, category, exchange) => pastRaces(state, category, exchange.query)),
  },
  {
    method: 'GET',
    pattern: /^\/([\w-]+)\/([\w-]+)(?:\/data|\.json)$/,
    handle: withCategory((state, category, exchange) => {
      const room = state.rooms.get(exchange.params[1] ?? '');
      if (!room || room.race.category.slug !== category.slug) return notFound();
      return publicJson(state, raceJson(state.accounts, room.race));
    }),
  },
];
