import { type Static, Type } from 'typebox';

const Nullable = <T extends import('typebox').TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Every `startrace` field a tournament can set for its rooms (reference §4.1), with the usual tournament defaults. */
export const RoomProfile = Type.Object({
  goal: Nullable(Type.String({ maxLength: 200, description: 'A category goal by name' })),
  customGoal: Nullable(
    Type.String({ maxLength: 200, description: 'A custom goal (used when goal is null)' }),
  ),
  invitational: Type.Boolean({ default: true }),
  unlisted: Type.Boolean({ default: false }),
  info: Nullable(
    Type.String({ maxLength: 1000, description: 'info_user; default "<tournament> - <match>"' }),
  ),
  startDelaySeconds: Type.Integer({ minimum: 10, maximum: 60, default: 15 }),
  timeLimitHours: Type.Integer({ minimum: 1, maximum: 72, default: 24 }),
  streamingRequired: Type.Boolean({ default: true }),
  autoStart: Type.Boolean({ default: true }),
  allowComments: Type.Boolean({ default: true }),
  hideComments: Type.Boolean({ default: true }),
  allowPreraceChat: Type.Boolean({ default: true }),
  allowMidraceChat: Type.Boolean({ default: true }),
  allowNonEntrantChat: Type.Boolean({ default: false }),
  chatMessageDelaySeconds: Type.Integer({ minimum: 0, maximum: 90, default: 0 }),
  teamRace: Type.Boolean({ default: false }),
  requireEvenTeams: Type.Boolean({ default: false }),
});
/** A room profile. */
export type RoomProfileValue = Static<typeof RoomProfile>;

/** The default room profile. */
export const DEFAULT_ROOM_PROFILE: RoomProfileValue = {
  goal: null,
  customGoal: null,
  invitational: true,
  unlisted: false,
  info: null,
  startDelaySeconds: 15,
  timeLimitHours: 24,
  streamingRequired: true,
  autoStart: true,
  allowComments: true,
  hideComments: true,
  allowPreraceChat: true,
  allowMidraceChat: true,
  allowNonEntrantChat: false,
  chatMessageDelaySeconds: 0,
  teamRace: false,
  requireEvenTeams: false,
};

/** A tournament's racetime settings. */
export const TournamentSettings = Type.Object({
  botId: Nullable(Type.Integer({ description: 'A bot assigned to the organization' })),
  autoCreateRooms: Type.Boolean({ default: false }),
  openMinutesBefore: Type.Integer({ minimum: 30, maximum: 120, default: 60 }),
  requireLinkedAccounts: Type.Boolean({ default: false }),
  defaultGoal: Nullable(Type.String({ maxLength: 200 })),
  roomProfile: RoomProfile,
});
/** Tournament settings. */
export type TournamentSettingsValue = Static<typeof TournamentSettings>;

/** `PUT .../tournaments/:id/settings`: every field optional, omitted ones keep their value. */
export const TournamentSettingsBody = Type.Object({
  botId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
  autoCreateRooms: Type.Optional(Type.Boolean()),
  openMinutesBefore: Type.Optional(Type.Integer({ minimum: 30, maximum: 120 })),
  requireLinkedAccounts: Type.Optional(Type.Boolean()),
  defaultGoal: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  roomProfile: Type.Optional(Type.Partial(RoomProfile)),
});
/** A settings change. */
export type TournamentSettingsChange = Static<typeof TournamentSettingsBody>;

/** Per-match overrides (null: the tournament decides). */
export const MatchSettings = Type.Object({
  goal: Nullable(Type.String({ maxLength: 200 })),
  invitational: Nullable(Type.Boolean()),
  autoCreate: Nullable(Type.Boolean()),
});
/** Match overrides. */
export type MatchSettingsValue = Static<typeof MatchSettings>;

/** `:org` and `:id`. */
export const OrgIdParams = Type.Object({
  org: Type.String({ minLength: 1, maxLength: 100 }),
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
});
