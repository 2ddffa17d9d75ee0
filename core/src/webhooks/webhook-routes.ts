import { Type } from 'typebox';
import { OrgParams } from '../orgs/org-schemas.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { TournamentParams as IdParams } from '../tournaments/tournament-schemas.js';
import { NewWebhookBody, WebhookEndpoint, WebhookPatchBody, type WebhookService } from './webhook-service.js';

const tags = ['webhooks'];
const admin = { config: { minRole: 'admin' as const } };

/** Webhook endpoints of an org: `POST/GET .../webhooks`, `GET/PATCH/DELETE .../webhooks/:id`. */
export function webhookRoutes(webhooks: WebhookService, eventTypes: () => string[]) {
  return async (app: RacedeskApp): Promise<void> => {
    app.post(
      '/api/v1/orgs/:org/webhooks',
      {
        ...admin,
        schema: {
          tags,
          summary: 'Register an HTTPS endpoint for some event types; the signing secret is returned once',
          params: OrgParams,
          body: NewWebhookBody,
          response: { 201: Type.Object({ ...WebhookEndpoint.properties, secret: Type.String() }) },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await webhooks.create(request.racedesk.org!.id, request.body, request.racedesk.actor)),
    );
    app.get(
      '/api/v1/orgs/:org/webhooks',
      {
        ...admin,
        schema: {
          tags,
          summary: 'Webhook endpoints of the org, and the event types they may subscribe to',
          params: OrgParams,
          response: {
            200: Type.Object({
              items: Type.Array(WebhookEndpoint),
              nextCursor: Type.Null(),
              eventTypes: Type.Array(Type.String()),
            }),
          },
        },
      },
      async (request) => ({
        items: await webhooks.list(request.racedesk.org!.id),
        nextCursor: null,
        eventTypes: eventTypes(),
      }),
    );
    app.get(
      '/api/v1/orgs/:org/webhooks/:id',
      {
        ...admin,
        schema: {
          tags,
          summary: 'One webhook endpoint',
          params: IdParams,
          response: { 200: WebhookEndpoint },
        },
      },
      async (request) => webhooks.get(request.racedesk.org!.id, request.params.id),
    );
    app.patch(
      '/api/v1/orgs/:org/webhooks/:id',
      {
        ...admin,
        schema: {
          tags,
          summary: 'Change an endpoint; active: true re-enables a disabled one',
          params: IdParams,
          body: WebhookPatchBody,
          response: { 200: WebhookEndpoint },
        },
      },
      async (request) =>
        webhooks.update(request.racedesk.org!.id, request.params.id, request.body, request.racedesk.actor),
    );
    app.delete(
      '/api/v1/orgs/:org/webhooks/:id',
      {
        ...admin,
        schema: {
          tags,
          summary: 'Remove an endpoint and its secret',
          params: IdParams,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        await webhooks.remove(request.racedesk.org!.id, request.params.id, request.racedesk.actor);
        return reply.status(204).send(null);
      },
    );
  };
}
