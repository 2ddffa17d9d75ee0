import { Page, PageQuery } from '../http/pagination.js';
import type { RacedeskApp } from '../plugins/contract.js';
import { NewOrgBody, Org, OrgParams, OrgPatchBody } from './org-schemas.js';

const tags = ['organizations'];

/** `POST/GET /api/v1/orgs`, `GET/PATCH /api/v1/orgs/:org`. */
export async function orgRoutes(app: RacedeskApp): Promise<void> {
  const { orgs } = app.racedesk;

  app.post(
    '/api/v1/orgs',
    {
      config: { auth: 'superadmin' },
      schema: {
        tags,
        summary: 'Create an organization (superadmin); the creator becomes its owner',
        body: NewOrgBody,
        response: { 201: Org },
      },
    },
    async (request, reply) => reply.status(201).send(await orgs.create(request.body, request.racedesk.actor)),
  );

  app.get(
    '/api/v1/orgs',
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Organizations the caller belongs to (all of them for superadmins)',
        querystring: PageQuery,
        response: { 200: Page(Org) },
      },
    },
    async (request) => orgs.listFor(request.racedesk, request.query),
  );

  app.get(
    '/api/v1/orgs/:org',
    { schema: { tags, summary: 'One organization', params: OrgParams, response: { 200: Org } } },
    async (request) => request.racedesk.org!,
  );

  app.patch(
    '/api/v1/orgs/:org',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary: 'Change name, description or time zone',
        params: OrgParams,
        body: OrgPatchBody,
        response: { 200: Org },
      },
    },
    async (request) => orgs.update(request.racedesk.org!, request.body, request.racedesk.actor),
  );
}
