import { type Static, Type } from 'typebox';
import type { Actor } from '../actor.js';
import { conflict, notFound } from '../errors.js';
import { Timestamp } from '../http/timestamp.js';
import { type DomainDeps, requireRole } from '../tournaments/domain-deps.js';

/** A stream channel in API responses. */
export const StreamChannel = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    url: Type.String(),
    active: Type.Boolean(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { title: 'StreamChannel' },
);
/** A stream channel as services return it. */
export type StreamChannelView = Static<typeof StreamChannel>;

const HttpUrl = Type.String({
  pattern: '^https?://[^\\s]+$',
  maxLength: 500,
  description: 'http(s) URL of the stream',
});
/** Body of `POST .../stream-channels`. */
export const NewStreamChannelBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    url: HttpUrl,
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
/** Body of `PATCH .../stream-channels/:id`. */
export const StreamChannelPatchBody = Type.Partial(NewStreamChannelBody, {
  additionalProperties: false,
  minProperties: 1,
});

interface Row {
  id: number;
  org_id: number;
  name: string;
  url: string;
  active: boolean;
  created_at: Date;
  updated_at: Date;
}
const view = (r: Row): StreamChannelView => ({
  id: r.id,
  name: r.name,
  url: r.url,
  active: r.active,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Stream channels of an org: where matches are streamed. Deactivated, not deleted. */
export function createStreamChannelService({ db, clock, audit }: DomainDeps) {
  return {
    /** Every channel of an org by name (active first when `activeOnly` is not set). */
    async list(orgId: number, activeOnly = false): Promise<StreamChannelView[]> {
      const q = db<Row>('stream_channels').where({ org_id: orgId }).orderBy('name');
      if (activeOnly) q.where({ active: true });
      return (await q).map(view);
    },
    async get(orgId: number, id: number): Promise<StreamChannelView> {
      const row = await db<Row>('stream_channels').where({ org_id: orgId, id }).first();
      if (!row) throw notFound('RD_STREAM_CHANNEL_NOT_FOUND', `No stream channel ${id}`);
      return view(row);
    },
    async create(orgId: number, spec: Static<typeof NewStreamChannelBody>, actor: Actor) {
      await requireRole(db, actor, orgId, 'admin');
      return db.transaction(async (trx) => {
        const now = clock.now();
        const [row] = await trx('stream_channels')
          .insert({
            org_id: orgId,
            name: spec.name,
            url: spec.url,
            active: spec.active ?? true,
            created_at: now,
            updated_at: now,
          })
          .onConflict(['org_id', 'name'])
          .ignore()
          .returning('*');
        if (!row)
          throw conflict('RD_STREAM_CHANNEL_NAME_TAKEN', `A stream channel "${spec.name}" exists already`);
        await audit.record(
          {
            actor,
            orgId,
            action: 'stream_channel.created',
            target: { type: 'stream_channel', id: row.id },
            details: spec,
          },
          trx,
        );
        return view(row);
      });
    },
    async update(orgId: number, id: number, patch: Static<typeof StreamChannelPatchBody>, actor: Actor) {
      await requireRole(db, actor, orgId, 'admin');
      return db.transaction(async (trx) => {
        const clash = patch.name
          ? await trx('stream_channels')
              .where({ org_id: orgId, name: patch.name })
              .whereNot({ id })
              .first('id')
          : undefined;
        if (clash)
          throw conflict('RD_STREAM_CHANNEL_NAME_TAKEN', `A stream channel "${patch.name}" exists already`);
        const [row] = await trx('stream_channels')
          .where({ org_id: orgId, id })
          .update({ ...patch, updated_at: clock.now() })
          .returning('*');
        if (!row) throw notFound('RD_STREAM_CHANNEL_NOT_FOUND', `No stream channel ${id}`);
        await audit.record(
          {
            actor,
            orgId,
            action: 'stream_channel.updated',
            target: { type: 'stream_channel', id },
            details: patch,
          },
          trx,
        );
        return view(row);
      });
    },
  };
}

/** The stream channel service. */
export type StreamChannelService = ReturnType<typeof createStreamChannelService>;
