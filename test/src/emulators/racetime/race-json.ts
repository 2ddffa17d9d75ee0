import type { Accounts, Category, EmulatorUser } from './accounts.js';
import type {
  CategorySummaryJson,
  ChatMessageJson,
  EntrantJson,
  MiniUserJson,
  RaceJson,
  RaceSummaryJson,
  UserJson,
} from './json-types.js';
import { type ChatMessage, type Entrant, isDone, joined, type Race } from './race-model.js';
import { ENTRANT_STATUS, type EntrantStatus, RACE_STATUS } from './status-texts.js';
import { djangoDate, isoDuration, ordinal, pythonIsoDate } from './value-formats.js';

const slugify = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** User summary (reference §3.6); `category` adds moderation context. */
export function userJson(accounts: Accounts, user: EmulatorUser, category?: Category): UserJson {
  const nameSlug = slugify(user.name);
  const canModerate = category ? accounts.canModerate(user.id, category) : false;
  return {
    id: user.id,
    full_name: accounts.fullName(user),
    name: user.name,
    discriminator: user.discriminator,
    url: nameSlug && nameSlug !== 'data' ? `/user/${user.id}/${nameSlug}` : `/user/${user.id}`,
    avatar: user.avatar,
    pronouns: user.pronouns,
    flair: [user.flair, canModerate ? 'moderator' : ''].filter(Boolean).join(' '),
    twitch_name: user.twitchName,
    twitch_display_name: user.twitchDisplayName,
    twitch_channel: user.twitchName ? `https://www.twitch.tv/${user.twitchName}` : null,
    can_moderate: canModerate,
  };
}

export const miniUserJson = (accounts: Accounts, user: EmulatorUser): MiniUserJson => ({
  id: user.id,
  full_name: accounts.fullName(user),
  name: user.name,
  discriminator: user.discriminator,
});

export const categorySummaryJson = (c: Category): CategorySummaryJson => ({
  name: c.name,
  short_name: c.shortName,
  slug: c.slug,
  url: `/${c.slug}`,
  data_url: `/${c.slug}/data`,
  image: c.image,
});

/** Entrant status: first matching rule wins (reference §3.5). */
export function entrantStatus(race: Race, e: Entrant): EntrantStatus {
  if (e.state !== 'joined') return e.state;
  if (e.dnf) return 'dnf';
  if (e.dq) return 'dq';
  if (e.finishTime !== null) return 'done';
  if (race.status === 'in_progress') return 'in_progress';
  return e.ready ? 'ready' : 'not_ready';
}

/** Finished entrants in place order. */
export const finishers = (race: Race): Entrant[] =>
  joined(race)
    .filter((e) => e.finishTime !== null && !e.dnf && !e.dq)
    .sort((a, b) => (a.finishTime ?? 0) - (b.finishTime ?? 0));

const ORDER: EntrantStatus[] = [
  'done',
  'in_progress',
  'ready',
  'not_ready',
  'invited',
  'requested',
  'dnf',
  'dq',
];

function entrantActions(race: Race, status: EntrantStatus, streamOk: boolean): string[] {
  switch (status) {
    case 'invited':
      return ['accept_invite', 'decline_invite'];
    case 'requested':
      return ['cancel_invite'];
    case 'not_ready':
      return isDone(race) || race.status === 'pending' ? [] : [streamOk ? 'ready' : 'not_live', 'leave'];
    case 'ready':
      return race.status === 'pending' ? [] : ['unready', 'leave'];
    case 'in_progress':
      return ['done', 'forfeit'];
    case 'done':
      return race.settings.allow_comments ? ['add_comment', 'undone'] : ['undone'];
    case 'dnf':
      return ['unforfeit'];
    default:
      return [];
  }
}

function entrantJson(accounts: Accounts, race: Race, e: Entrant, place: number | null): EntrantJson {
  const user = accounts.users.get(e.userId);
  const status = entrantStatus(race, e);
  const hidden = race.settings.hide_entrants && !isDone(race);
  const commentsHidden = race.settings.hide_comments && !isDone(race);
  const streamLive = user?.streamLive ?? false;
  return {
    user: !user ? null : hidden ? pseudonym(race, e) : userJson(accounts, user, race.category),
    team: null,
    status: ENTRANT_STATUS[status],
    finish_time: e.finishTime === null ? null : isoDuration(e.finishTime),
    finished_at:
      e.finishTime === null || !race.startedAt
        ? null
        : djangoDate(new Date(race.startedAt.getTime() + e.finishTime)),
    place,
    place_ordinal: place === null ? null : ordinal(place),
    score: race.settings.recordable && race.settings.ranked ? (user?.score ?? null) : null,
    score_change: null,
    comment: commentsHidden ? null : e.comment,
    has_comment: e.comment !== null,
    stream_live: streamLive,
    stream_override: e.streamOverride,
    actions: entrantActions(
      race,
      status,
      !race.settings.streaming_required || streamLive || e.streamOverride,
    ),
  };
}

const PSEUDONYMS = [
  'Solid Snake',
  'Liquid Snake',
  'Revolver Ocelot',
  'Psycho Mantis',
  'Sniper Wolf',
  'Vulcan Raven',
];

function pseudonym(race: Race, e: Entrant): UserJson {
  const name = PSEUDONYMS[race.entrants.indexOf(e) % PSEUDONYMS.length]!;
  return {
    id: '',
    full_name: name,
    name,
    discriminator: null,
    url: null,
    avatar: null,
    pronouns: null,
    flair: '',
    twitch_name: null,
    twitch_display_name: null,
    twitch_channel: null,
    can_moderate: false,
  };
}

function sortedEntrants(accounts: Accounts, race: Race): EntrantJson[] {
  const places = new Map(finishers(race).map((e, i) => [e, i + 1]));
  const rank = (e: Entrant): number => ORDER.indexOf(entrantStatus(race, e));
  const name = (e: Entrant): string => accounts.users.get(e.userId)?.name ?? '';
  const score = (e: Entrant): number => accounts.users.get(e.userId)?.score ?? 0;
  return [...race.entrants]
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (places.get(a) ?? 0) - (places.get(b) ?? 0) ||
        score(b) - score(a) ||
        name(a).localeCompare(name(b)),
    )
    .map((e) => entrantJson(accounts, race, e, places.get(e) ?? null));
}

const raceInfo = (race: Race): string =>
  [race.settings.info_user, race.settings.info_bot]
    .filter((s) => s)
    .join('\n')
    .trim();

const goalJson = (race: Race) => ({
  name: race.settings.custom_goal ?? race.settings.goal ?? '',
  custom: race.settings.custom_goal !== null,
});

function counts(race: Race) {
  const list = joined(race);
  return {
    entrants_count: list.length,
    entrants_count_finished: list.filter((e) => e.finishTime !== null && !e.dnf && !e.dq).length,
    entrants_count_inactive: list.filter((e) => e.dnf || e.dq).length,
  };
}

function chatRestricted(race: Race): boolean {
  const s = race.settings;
  if (s.hide_entrants && !isDone(race)) return true;
  if (!s.allow_prerace_chat && (race.status === 'open' || race.status === 'invitational')) return true;
  return !s.allow_midrace_chat && (race.status === 'pending' || race.status === 'in_progress');
}

/** The full race object (reference §3.4). */
export function raceJson(accounts: Accounts, race: Race): RaceJson {
  const s = race.settings;
  const user = (id: string | null) => {
    const found = id ? accounts.users.get(id) : undefined;
    return found ? userJson(accounts, found, race.category) : null;
  };
  const name = `${race.category.slug}/${race.slug}`;
  return {
    version: race.version,
    name,
    slug: race.slug,
    status: RACE_STATUS[race.status],
    url: `/${name}`,
    data_url: `/${name}/data`,
    websocket_url: `/ws/race/${race.slug}`,
    websocket_bot_url: `/ws/o/bot/${race.slug}`,
    websocket_oauth_url: `/ws/o/race/${race.slug}`,
    category: categorySummaryJson(race.category),
    goal: goalJson(race),
    info: raceInfo(race),
    info_bot: s.info_bot,
    info_user: s.info_user,
    team_race: s.team_race,
    ...counts(race),
    entrants: sortedEntrants(accounts, race),
    opened_at: djangoDate(race.openedAt),
    start_delay: isoDuration(s.start_delay * 1000),
    started_at: djangoDate(race.startedAt),
    ended_at: djangoDate(race.endedAt),
    cancelled_at: djangoDate(race.cancelledAt),
    ranked: s.ranked,
    unlisted: s.unlisted,
    time_limit: isoDuration(s.time_limit * 3_600_000),
    time_limit_auto_complete: s.time_limit_auto_complete,
    require_even_teams: s.require_even_teams,
    streaming_required: s.streaming_required,
    auto_start: s.auto_start,
    opened_by: user(race.openedBy),
    opened_by_bot: race.openedByBot,
    monitors: race.monitors.map(user).filter((u): u is UserJson => u !== null),
    recordable: s.recordable,
    recorded: race.recorded,
    recorded_by: user(race.recordedBy),
    disqualify_unready: false,
    allow_comments: s.allow_comments,
    hide_comments: s.hide_comments,
    hide_entrants: s.hide_entrants,
    chat_restricted: chatRestricted(race),
    allow_prerace_chat: s.allow_prerace_chat,
    allow_midrace_chat: s.allow_midrace_chat,
    allow_non_entrant_chat: s.allow_non_entrant_chat,
    chat_message_delay: isoDuration(s.chat_message_delay * 1000),
    bot_meta: race.botMeta,
  };
}

/** Race summary for category data and race lists (reference §3.1). */
export function raceSummaryJson(
  accounts: Accounts,
  race: Race,
  options: { includeCategory?: boolean; includeEntrants?: boolean } = {},
): RaceSummaryJson {
  const name = `${race.category.slug}/${race.slug}`;
  const summary: RaceSummaryJson = {
    name,
    status: RACE_STATUS[race.status],
    url: `/${name}`,
    data_url: `/${name}/data`,
    goal: goalJson(race),
    info: raceInfo(race),
    ...counts(race),
    opened_at: djangoDate(race.openedAt),
    started_at: djangoDate(race.startedAt),
    time_limit: isoDuration(race.settings.time_limit * 3_600_000),
    opened_by_bot: race.openedByBot,
  };
  if (isDone(race)) {
    summary.ended_at = djangoDate(race.endedAt);
    summary.cancelled_at = djangoDate(race.cancelledAt);
    summary.recordable = race.settings.recordable;
    summary.recorded = race.recorded;
  }
  if (options.includeCategory) summary.category = categorySummaryJson(race.category);
  if (options.includeEntrants) summary.entrants = sortedEntrants(accounts, race);
  return summary;
}

/** Chat message object (reference §5.3); `message_plain` strips `##class##text##` markup. */
export function messageJson(accounts: Accounts, race: Race, m: ChatMessage): ChatMessageJson {
  const author = m.userId ? accounts.users.get(m.userId) : undefined;
  const target = m.directTo ? accounts.users.get(m.directTo) : undefined;
  const isMonitor =
    author === undefined
      ? null
      : race.monitors.includes(author.id) || accounts.canModerate(author.id, race.category);
  return {
    id: m.id,
    user: author ? userJson(accounts, author, race.category) : null,
    bot: m.bot,
    direct_to: target ? miniUserJson(accounts, target) : null,
    posted_at: pythonIsoDate(m.postedAt),
    message: m.message,
    message_plain: m.message.replace(/##\w+##(.*?)##/g, '$1'),
    highlight: m.highlight,
    is_dm: m.directTo !== null,
    is_bot: m.bot !== null,
    is_monitor: isMonitor,
    is_system: m.isSystem,
    is_pinned: m.isPinned,
    delay: m.delay,
    actions: m.actions ?? {},
  };
}
