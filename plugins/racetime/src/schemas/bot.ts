import { NullableTimestamp, Timestamp } from '@racedesk/core';
import { type Static, Type } from 'typebox';

/** Connection states of a bot, as the admin panel shows them. */
export const BOT_STATUSES = [
  'unknown',
  'connected',
  'auth_failed',
  'connection_error',
  'disconnected',
] as const;
/** A bot connection state. */
export type BotStatus = (typeof BOT_STATUSES)[number];
const BotStatusSchema = Type.Union([
  Type.Literal('unknown'),
  Type.Literal('connected'),
  Type.Literal('auth_failed'),
  Type.Literal('connection_error'),
  Type.Literal('disconnected'),
]);

/** A category bot as the API shows it: never its client secret. */
export const Bot = Type.Object({
  id: Type.Integer(),
  category: Type.String(),
  name: Type.String(),
  clientId: Type.String(),
  active: Type.Boolean(),
  status: BotStatusSchema,
  statusMessage: Type.Union([Type.String(), Type.Null()], { description: 'The last error, in words' }),
  statusAt: NullableTimestamp,
  lastConnectedAt: NullableTimestamp,
  orgs: Type.Array(Type.String(), { description: 'Slugs of the organizations that may use it' }),
  createdAt: Timestamp,
});
/** A bot view. */
export type BotView = Static<typeof Bot>;

/** `POST /api/v1/racetime/bots`. */
export const NewBotBody = Type.Object({
  category: Type.String({ pattern: '^[a-z0-9-]+$', maxLength: 50, description: 'racetime.gg category slug' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  clientId: Type.String({ minLength: 1, maxLength: 200 }),
  clientSecret: Type.String({
    minLength: 1,
    maxLength: 500,
    description: 'Stored encrypted; never returned',
  }),
});
/** A new bot. */
export type NewBot = Static<typeof NewBotBody>;

/** `PATCH /api/v1/racetime/bots/:id`. */
export const BotPatchBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  active: Type.Optional(Type.Boolean()),
});
/** A bot change. */
export type BotPatch = Static<typeof BotPatchBody>;

/** `:id` of a bot. */
export const BotParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
/** `:id` and `:org` of an assignment. */
export const BotOrgParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
  org: Type.String({ minLength: 1, maxLength: 100 }),
});

/** What a connection test found. */
export const BotCheck = Type.Object({
  status: BotStatusSchema,
  message: Type.Union([Type.String(), Type.Null()]),
  checkedAt: Timestamp,
});
