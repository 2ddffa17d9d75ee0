import { Type } from 'typebox';
import { OrgParams, Slug } from '../orgs/org-schemas.js';
import type { RacedeskApp } from './contract.js';

const tags = ['plugins'];

const InstalledPlugin = Type.Object({
  id: Type.String(),
  version: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  dependsOn: Type.Array(Type.String()),
  permissions: Type.Record(Type.String(), Type.String(), { description: 'action → least org role' }),
  settingsSchema: Type.Union([Type.Unknown(), Type.Null()], {
    description: 'JSON schema of per-org settings',
  }),
});

const OrgPlugin = Type.Object({
  id: Type.String(),
  version: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  enabled: Type.Boolean(),
  settings: Type.Record(Type.String(), Type.Unknown()),
  permissions: Type.Record(Type.String(), Type.String()),
});

/** `GET /api/v1/plugins`, `GET /api/v1/orgs/:org/plugins`, `PUT /api/v1/orgs/:org/plugins/:id`. */
export async function enablementRoutes(app: RacedeskApp): Promise<void> {
  const { enablement, plugins } = app.racedesk;

  app.get(
    '/api/v1/plugins',
    {
      schema: {
        tags,
        summary: 'Plugins installed on this instance',
        response: { 200: Type.Object({ items: Type.Array(InstalledPlugin) }) },
      },
    },
    async () => ({
      items: plugins.map(({ definition: p }) => ({
        id: p.id,
        version: p.version,
        description: p.description ?? null,
        dependsOn: [...(p.dependsOn ?? [])],
        permissions: { ...p.permissions },
        settingsSchema: p.settings ?? null,
      })),
    }),
  );

  app.get(
    '/api/v1/orgs/:org/plugins',
    {
      schema: {
        tags,
        summary: 'Every installed plugin with whether this organization has it on',
        params: OrgParams,
        response: { 200: Type.Object({ items: Type.Array(OrgPlugin) }) },
      },
    },
    async (request) => ({ items: await enablement.list(request.racedesk.org!.id) }),
  );

  app.put(
    '/api/v1/orgs/:org/plugins/:id',
    {
      config: { minRole: 'admin' },
      schema: {
        tags,
        summary:
          'Turn a plugin on or off for this organization and set its settings (422 names the bad field)',
        params: Type.Object({ org: Slug, id: Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 }) }),
        body: Type.Object(
          { enabled: Type.Boolean(), settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
          { additionalProperties: false },
        ),
        response: { 200: OrgPlugin },
      },
    },
    async (request) =>
      enablement.set(request.racedesk.org!, request.params.id, request.body, request.racedesk.actor),
  );
}
