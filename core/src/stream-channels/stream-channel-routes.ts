import { Type } from 'typebox';
import { OrgParams } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { TournamentParams } from '../tournaments/tournament-schemas.js';
import {
  NewStreamChannelBody,
  StreamChannel,
  StreamChannelPatchBody,
  type StreamChannelService,
} from './stream-channel-service.js';

const tags = ['stream channels'];

/** `POST/GET .../stream-channels`, `GET/PATCH .../stream-channels/:id` (deactivated, never deleted). */
export function streamChannelRoutes(channels: StreamChannelService) {
  return async (app: RacedeskApp): Promise<void> => {
    app.post(
      '/api/v1/orgs/:org/stream-channels',
      {
        config: { minRole: 'admin' },
        schema: {
          tags,
          summary: 'Add a stream channel (name unique in the org)',
          params: OrgParams,
          body: NewStreamChannelBody,
          response: { 201: StreamChannel },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await channels.create(request.racedesk.org!.id, request.body, request.racedesk.actor)),
    );
    app.get(
      '/api/v1/orgs/:org/stream-channels',
      {
        schema: {
          tags,
          summary: 'Stream channels of the org by name',
          params: OrgParams,
          querystring: Type.Object({ active: Type.Optional(Type.Boolean()) }),
          response: { 200: Type.Object({ items: Type.Array(StreamChannel), nextCursor: Type.Null() }) },
        },
      },
      async (request) => ({
        items: await channels.list(request.racedesk.org!.id, request.query.active === true),
        nextCursor: null,
      }),
    );
    app.get(
      '/api/v1/orgs/:org/stream-channels/:id',
      {
        schema: {
          tags,
          summary: 'One stream channel',
          params: TournamentParams,
          response: { 200: StreamChannel },
        },
      },
      async (request) => channels.get(request.racedesk.org!.id, request.params.id),
    );
    app.patch(
      '/api/v1/orgs/:org/stream-channels/:id',
      {
        config: { minRole: 'admin' },
        schema: {
          tags,
          summary: 'Rename, change the URL, or (de)activate a stream channel',
          params: TournamentParams,
          body: StreamChannelPatchBody,
          response: { 200: StreamChannel },
        },
      },
      async (request) =>
        channels.update(request.racedesk.org!.id, request.params.id, request.body, request.racedesk.actor),
    );
  };
}
