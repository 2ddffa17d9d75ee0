// The JSON shapes racetime serves (reference §3, §5.3), typed for tests that read them.

export interface StatusJson {
  value: string;
  verbose_value: string;
  help_text: string;
}

/** User summary object (reference §3.6). */
export interface UserJson {
  id: string;
  full_name: string;
  name: string;
  discriminator: string | null;
  url: string | null;
  avatar: string | null;
  pronouns: string | null;
  flair: string;
  twitch_name: string | null;
  twitch_display_name: string | null;
  twitch_channel: string | null;
  can_moderate: boolean;
}

/** Minimal user dict used in DM metadata. */
export interface MiniUserJson {
  id: string;
  full_name: string;
  name: string;
  discriminator: string | null;
}

export interface EntrantJson {
  user: UserJson | null;
  team: null;
  status: StatusJson;
  finish_time: string | null;
  finished_at: string | null;
  place: number | null;
  place_ordinal: string | null;
  score: number | null;
  score_change: number | null;
  comment: string | null;
  has_comment: boolean;
  stream_live: boolean;
  stream_override: boolean;
  actions: string[];
}

export interface CategorySummaryJson {
  name: string;
  short_name: string;
  slug: string;
  url: string;
  data_url: string;
  image: string | null;
}

/** Full race object (reference §3.4), also the `race` of a `race.data` frame. */
export interface RaceJson {
  version: number;
  name: string;
  slug: string;
  status: StatusJson;
  url: string;
  data_url: string;
  websocket_url: string;
  websocket_bot_url: string;
  websocket_oauth_url: string;
  category: CategorySummaryJson;
  goal: { name: string; custom: boolean };
  info: string;
  info_bot: string | null;
  info_user: string | null;
  team_race: boolean;
  entrants_count: number;
  entrants_count_finished: number;
  entrants_count_inactive: number;
  entrants: EntrantJson[];
  opened_at: string;
  start_delay: string;
  started_at: string | null;
  ended_at: string | null;
  cancelled_at: string | null;
  ranked: boolean;
  unlisted: boolean;
  time_limit: string;
  time_limit_auto_complete: boolean;
  require_even_teams: boolean;
  streaming_required: boolean;
  auto_start: boolean;
  opened_by: UserJson | null;
  opened_by_bot: string | null;
  monitors: UserJson[];
  recordable: boolean;
  recorded: boolean;
  recorded_by: UserJson | null;
  disqualify_unready: boolean;
  allow_comments: boolean;
  hide_comments: boolean;
  hide_entrants: boolean;
  chat_restricted: boolean;
  allow_prerace_chat: boolean;
  allow_midrace_chat: boolean;
  allow_non_entrant_chat: boolean;
  chat_message_delay: string;
  bot_meta: Record<string, unknown>;
}

/** Race summary in category data and race lists (reference §3.1). */
export interface RaceSummaryJson {
  name: string;
  status: StatusJson;
  url: string;
  data_url: string;
  goal: { name: string; custom: boolean };
  info: string;
  entrants_count: number;
  entrants_count_finished: number;
  entrants_count_inactive: number;
  opened_at: string;
  started_at: string | null;
  time_limit: string;
  opened_by_bot: string | null;
  ended_at?: string | null;
  cancelled_at?: string | null;
  recordable?: boolean;
  recorded?: boolean;
  category?: CategorySummaryJson;
  entrants?: EntrantJson[];
}

/** Chat message object (reference §5.3). */
export interface ChatMessageJson {
  id: string;
  user: UserJson | null;
  bot: string | null;
  direct_to: MiniUserJson | null;
  posted_at: string;
  message: string;
  message_plain: string;
  highlight: boolean;
  is_dm: boolean;
  is_bot: boolean;
  is_monitor: boolean | null;
  is_system: boolean;
  is_pinned: boolean;
  delay: number;
  actions: Record<string, unknown>;
}
