import { Type } from 'typebox';
import { OrgRoleSchema } from '../auth/roles.js';
import { PageQuery } from '../http/pagination.js';
import { Timestamp } from '../http/timestamp.js';

/** An organization slug: lowercase letters, digits and dashes, 3–64 characters. */
export const Slug = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$',
  description: 'URL name of the organization',
});
/** An IANA time zone name. */
export const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)*$',
  description: 'IANA time zone, e.g. Europe/Berlin',
});
/** Path parameters of every org route. */
export const OrgParams = Type.Object({ org: Slug });

/** An organization in API responses. */
export const Org = Type.Object(
  {
    id: Type.Integer(),
    slug: Slug,
    name: Type.String(),
    description: Type.String(),
    timezone: Type.String(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'Organization' },
);

/** Body of POST /api/v1/orgs. */
export const NewOrgBody = Type.Object(
  {
    slug: Slug,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    timezone: Type.Optional(TimeZone),
  },
  { additionalProperties: false },
);

/** Body of PATCH /api/v1/orgs/:org. */
export const OrgPatchBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    timezone: Type.Optional(TimeZone),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A member in API responses. */
export const Member = Type.Object(
  {
    userId: Type.Integer(),
    role: OrgRoleSchema,
    discordId: Type.Union([Type.String(), Type.Null()]),
    displayName: Type.String(),
    joinedAt: Timestamp,
  },
  { title: 'Member' },
);

/** Query of `GET .../members`: a page, optionally narrowed by `q`. */
export const MemberListQuery = Type.Object({
  ...PageQuery.properties,
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      // Something besides spaces, and no NUL (which no name holds and PostgreSQL refuses).
      pattern: '^[^\\u0000]*[^\\u0000\\s][^\\u0000]*$',
      description:
        'Search, trimmed: members whose display name or Discord username contains it (any case; `%` and ' +
        '`_` are plain characters), or whose user id it is when it is a number. Order and paging are as ' +
        'without it; pass the same q with the cursor.',
    }),
  ),
});

/** A Discord user id (snowflake). */
export const DiscordId = Type.String({ pattern: '^[0-9]{15,21}$', description: 'Discord user id' });
