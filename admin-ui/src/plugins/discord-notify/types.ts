/** `GET /api/v1/discord-notify/bot`. */
export interface DiscordBot {
  configured: boolean;
  tokenSource: 'env' | 'stored' | null;
  applicationId: string | null;
  botUserId: string | null;
  status: 'unconfigured' | 'connecting' | 'connected' | 'invalid_token' | 'disconnected';
  statusMessage: string | null;
  statusAt: string | null;
}

/** A guild linked to the org. */
export interface GuildLink {
  guildId: string;
  guildName: string;
  linkedBy: number | null;
  linkedAt: string;
}

/** The kinds of channel posts, with what each means. */
export const POST_KINDS = [
  { kind: 'match_scheduled', label: 'New matches' },
  { kind: 'match_rescheduled', label: 'Rescheduled matches' },
  { kind: 'match_cancelled', label: 'Cancelled matches' },
  { kind: 'room_opened', label: 'Race rooms opened' },
  { kind: 'results', label: 'Results' },
  { kind: 'organizer_alerts', label: 'Organizer alerts' },
] as const;
export type PostKind = (typeof POST_KINDS)[number]['kind'];

/** A channel choice, checked through the Discord API. */
export interface ChannelChoice {
  id: number;
  kind: PostKind;
  tournamentId: number | null;
  guildId: string;
  channelId: string;
  channelName: string | null;
  canPost: boolean;
  missingPermissions: string[];
  problem: string | null;
}

/** Which matches get a Discord scheduled event. */
export type ScheduledEventMode = 'all' | 'streamed' | 'none';

/** `GET/PUT /api/v1/orgs/:org/discord-notify/tournaments/:id/settings`. */
export interface TournamentDiscordSettings {
  tournamentId: number;
  scheduledEvents: ScheduledEventMode;
  /** null: the org's first linked guild. */
  guildId: string | null;
  eventDurationMinutes: number;
}

/** A channel choice in words: `#name (id)`, or the id alone when Discord did not name it. */
export const channelText = (c: ChannelChoice) =>
  `${c.channelName ? `#${c.channelName} ` : ''}(${c.channelId})`;

/** Whether the bot can post in a chosen channel, and if not, why. */
export const canPostText = (c: ChannelChoice) =>
  c.canPost ? 'Yes' : `No: ${c.problem ?? `missing ${c.missingPermissions.join(', ')}`}`;
