import { ErrorResponse, type RacedeskApp } from '@racedesk/core';
import { Type } from 'typebox';
import {
  ChannelChoice,
  ChannelChoiceBody,
  ChannelChoiceParams,
  ChannelListQuery,
} from '../schemas/channels.js';
import { channelChoices } from '../services/channel-choices.js';
import type { DiscordNotifyContext } from '../services/runtime.js';

const tags = ['discord-notify'];
const manage = { permission: 'manage-discord' } as const;

/** Channel choices under `/api/v1/orgs/:org/discord-notify/channels`. */
export function channelRoutes(app: RacedeskApp, ctx: DiscordNotifyContext): void {
  const choices = channelChoices(ctx);
  const orgOf = (request: { racedesk: { org?: { id: number } } }) => request.racedesk.org!.id;

  app.get(
    '/channels',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Channel choices per kind of post, each checked through the Discord API (missing permissions listed)',
        querystring: ChannelListQuery,
        response: { 200: Type.Array(ChannelChoice) },
      },
    },
    async (request) => choices.list(orgOf(request), request.query.tournamentId),
  );

  app.put(
    '/channels',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Choose the channel for a kind of post, for the organization or one tournament',
        body: ChannelChoiceBody,
        response: {
          200: ChannelChoice,
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request) => choices.choose(orgOf(request), request.body, request.racedesk.actor),
  );

  app.delete(
    '/channels/:id',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Stop posting this kind there',
        params: ChannelChoiceParams,
        response: { 204: Type.Null(), 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      await choices.remove(orgOf(request), request.params.id, request.racedesk.actor);
      return reply.status(204).send(null);
    },
  );
}
