import { JsonReader } from './json-reader.js';

/** Race `status.value`s (reference §3.5); parsers keep unknown future values as plain strings. */
export const RACE_STATUSES = [
  'open',
  'invitational',
  'pending',
  'in_progress',
  'finished',
  'cancelled',
  'partitioned',
] as const;
/** A race status value. */
export type RaceStatus = (typeof RACE_STATUSES)[number];

/** Entrant `status.value`s (reference §3.5), `partitioned` included. */
export const ENTRANT_STATUSES = [
  'requested',
  'invited',
  'declined',
  'partitioned',
  'dnf',
  'dq',
  'done',
  'in_progress',
  'ready',
  'not_ready',
] as const;
/** An entrant status value. */
export type EntrantStatus = (typeof ENTRANT_STATUSES)[number];

/** The parts of a racetime user summary (§3.6) Racedesk uses. `id` is `""` for hidden entrants. */
export interface RacetimeUser {
  id: string;
  name: string;
  fullName: string;
  discriminator: string | null;
  twitchName: string | null;
}

/** One entrant of a race (§3.4). `user` is `null` for deleted accounts. */
export interface RacetimeEntrant {
  user: RacetimeUser | null;
  status: string;
  /** ISO 8601 duration as racetime.gg writes it (`P0DT01H32M10.482913S`), or `null`. */
  finishTime: string | null;
  finishedAt: string | null;
  place: number | null;
  teamName: string | null;
  streamLive: boolean;
}

/** A race as `GET /{category}/{slug}/data` and `race.data` frames carry it (§3.4), typed where used. */
export interface RacetimeRace {
  version: number;
  /** `{category}/{slug}`. */
  name: string;
  slug: string;
  category: string;
  status: string;
  goal: { name: string; custom: boolean };
  info: string;
  infoBot: string | null;
  infoUser: string | null;
  teamRace: boolean;
  unlisted: boolean;
  entrants: RacetimeEntrant[];
  openedAt: string;
  startedAt: string | null;
  endedAt: string | null;
  cancelledAt: string | null;
  openedByBot: string | null;
  recorded: boolean;
  /** Site-relative path of the bot socket (`/ws/o/bot/{slug}`). */
  websocketBotUrl: string;
  botMeta: Record<string, unknown>;
}

/** A race in category data `current_races` (§3.1). */
export interface RacetimeRaceSummary {
  name: string;
  status: string;
  dataUrl: string;
  info: string;
  goal: { name: string; custom: boolean };
  entrantsCount: number;
  openedAt: string;
  startedAt: string | null;
  openedByBot: string | null;
}

/** Category data (§3.1/§3.2). */
export interface RacetimeCategory {
  name: string;
  shortName: string;
  slug: string;
  goals: string[];
  currentRaces: RacetimeRaceSummary[];
}

/** True once a race can no longer change by itself (finished, cancelled or partitioned). */
export const isRaceOver = (status: string): boolean =>
  status === 'finished' || status === 'cancelled' || status === 'partitioned';

function parseUser(json: JsonReader): RacetimeUser {
  return {
    id: json.string('id'),
    name: json.string('name'),
    fullName: json.optionalString('full_name') ?? json.string('name'),
    discriminator: json.optionalString('discriminator'),
    twitchName: json.optionalString('twitch_name'),
  };
}

function parseEntrant(json: JsonReader): RacetimeEntrant {
  const user = json.optionalObject('user');
  return {
    user: user ? parseUser(user) : null,
    status: json.object('status').string('value'),
    finishTime: json.optionalString('finish_time'),
    finishedAt: json.optionalString('finished_at'),
    place: json.optionalNumber('place'),
    teamName: json.optionalObject('team')?.optionalString('name') ?? null,
    streamLive: json.boolean('stream_live', false),
  };
}

const parseGoal = (json: JsonReader) => ({
  name: json.string('name'),
  custom: json.boolean('custom', false),
});

/** Reads a full race object; throws a `bad_response` RacetimeError when it is malformed. */
export function parseRace(value: unknown, path = 'race'): RacetimeRace {
  const json = JsonReader.of(value, path);
  const name = json.string('name');
  const botMeta = json.raw('bot_meta');
  return {
    version: json.number('version'),
    name,
    slug: json.string('slug'),
    category: json.optionalObject('category')?.string('slug') ?? name.split('/')[0] ?? '',
    status: json.object('status').string('value'),
    goal: parseGoal(json.object('goal')),
    info: json.optionalString('info') ?? '',
    infoBot: json.optionalString('info_bot'),
    infoUser: json.optionalString('info_user'),
    teamRace: json.boolean('team_race', false),
    unlisted: json.boolean('unlisted', false),
    entrants: json.objects('entrants').map(parseEntrant),
    openedAt: json.string('opened_at'),
    startedAt: json.optionalString('started_at'),
    endedAt: json.optionalString('ended_at'),
    cancelledAt: json.optionalString('cancelled_at'),
    openedByBot: json.optionalString('opened_by_bot'),
    recorded: json.boolean('recorded', false),
    websocketBotUrl: json.optionalString('websocket_bot_url') ?? `/ws/o/bot/${json.string('slug')}`,
    botMeta:
      typeof botMeta === 'object' && botMeta !== null && !Array.isArray(botMeta)
        ? (botMeta as Record<string, unknown>)
        : {},
  };
}

function parseRaceSummary(json: JsonReader): RacetimeRaceSummary {
  return {
    name: json.string('name'),
    status: json.object('status').string('value'),
    dataUrl: json.string('data_url'),
    info: json.optionalString('info') ?? '',
    goal: parseGoal(json.object('goal')),
    entrantsCount: json.optionalNumber('entrants_count') ?? 0,
    openedAt: json.string('opened_at'),
    startedAt: json.optionalString('started_at'),
    openedByBot: json.optionalString('opened_by_bot'),
  };
}

/** Reads category data; throws a `bad_response` RacetimeError when it is malformed. */
export function parseCategory(value: unknown, path = 'category'): RacetimeCategory {
  const json = JsonReader.of(value, path);
  return {
    name: json.string('name'),
    shortName: json.string('short_name'),
    slug: json.string('slug'),
    goals: json.strings('goals'),
    currentRaces: json.objects('current_races').map(parseRaceSummary),
  };
}
